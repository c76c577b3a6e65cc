package dev.strata.maven;

import dev.strata.engine.Status;
import dev.strata.engine.Strata;
import org.apache.maven.plugins.annotations.Mojo;

/** Shows where the database is and what is pending: {@code mvn strata:current}. */
@Mojo(name = "current", requiresProject = true, threadSafe = true)
public class CurrentMojo extends StrataMojo {
    @Override
    void run(Strata strata) {
        Status s = strata.status();
        getLog().info("Strata: current " + (s.current().isEmpty() ? "base (nothing applied)" : String.join(", ", s.current()))
                + (s.pending().isEmpty() ? " (head)" : ""));
        for (Status.PendingRevision p : s.pending()) {
            getLog().info("Strata: pending " + p.revision() + "  " + p.message() + "  (" + p.file() + ")");
        }
        s.needsRepair().forEach(r -> getLog().warn("Strata: " + r.revision() + " failed part way ("
                + r.statementsRun() + "/" + r.statementsTotal() + " statements): " + r.error()));
        s.checksumMismatches().forEach(m -> getLog().warn("Strata: " + m.revision() + " (" + m.file()
                + ") changed after it was applied"));
        s.unknownApplied().forEach(u -> getLog().warn("Strata: the database has " + u + ", unknown to this project"));
    }
}
