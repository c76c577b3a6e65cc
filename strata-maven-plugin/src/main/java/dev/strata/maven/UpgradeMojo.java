package dev.strata.maven;

import dev.strata.engine.Strata;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Applies the revisions up to {@code target} (default head): {@code mvn strata:upgrade}. */
@Mojo(name = "upgrade", requiresProject = true, threadSafe = true)
public class UpgradeMojo extends StrataMojo {
    /** head, heads, latest, a revision id, +1, label@head. */
    @Parameter(property = "strata.target", defaultValue = "head")
    String target;

    @Override
    void run(Strata strata) {
        Strata.RunResult r = strata.upgrade(target);
        getLog().info("Strata: " + r.steps().size() + " revision(s) applied; the database is at "
                + strata.status().current());
    }
}
