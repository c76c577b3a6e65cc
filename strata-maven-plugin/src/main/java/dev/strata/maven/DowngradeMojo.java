package dev.strata.maven;

import dev.strata.engine.Strata;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Reverts revisions down to {@code target} (required: base, a revision id, -1): {@code mvn strata:downgrade -Dstrata.target=-1}. */
@Mojo(name = "downgrade", requiresProject = true, threadSafe = true)
public class DowngradeMojo extends StrataMojo {
    /** base, a revision id, -1. */
    @Parameter(property = "strata.target", required = true)
    String target;

    @Override
    void run(Strata strata) {
        Strata.RunResult r = strata.downgrade(target);
        getLog().info("Strata: " + r.steps().size() + " revision(s) reverted; the database is at "
                + strata.status().current());
    }
}
