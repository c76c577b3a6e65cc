package dev.strata.maven;

import dev.strata.engine.Stairway;
import dev.strata.engine.Strata;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;

/**
 * The stairway test on a scratch database (of devUrl, else an embedded PostgreSQL; the configured database is not
 * touched): every revision upgraded, downgraded alone, compared with its parent's schema and upgraded again;
 * fails the build on the first revision that does not come back: {@code mvn strata:stairway}.
 */
@Mojo(name = "stairway", requiresProject = true, threadSafe = true)
public class StairwayMojo extends StrataMojo {
    /** A folder of {@code <revision id>.sql} fixtures loaded before each revision, whose rows must survive. */
    @Parameter(property = "strata.fixtures")
    File fixtures;

    @Override
    void run(Strata strata) throws MojoFailureException {
        Stairway.Result r = strata.stairway(fixtures == null ? null : fixtures.toPath());
        for (Stairway.Checked c : r.revisions()) {
            getLog().info("Strata: stairway " + c.revision() + " " + c.outcome()
                    + (c.reason() == null ? "" : ": " + c.reason()));
        }
        if (!r.passed()) {
            Stairway.Failure f = r.failure();
            throw new MojoFailureException("Strata: stairway failed at " + f.revision() + " (" + f.phase() + "): "
                    + f.message() + (f.differences().isEmpty() ? "" : "; " + String.join("; ", f.differences())));
        }
        getLog().info("Strata: stairway passed: " + r.revisions().size() + " revision(s) in " + r.millis() + " ms");
    }
}
