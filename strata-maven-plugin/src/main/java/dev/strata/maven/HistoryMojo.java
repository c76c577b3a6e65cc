package dev.strata.maven;

import dev.strata.engine.Strata;
import dev.strata.postgres.HistoryRow;
import org.apache.maven.plugins.annotations.Mojo;

/** Lists the history table, oldest first: {@code mvn strata:history}. */
@Mojo(name = "history", requiresProject = true, threadSafe = true)
public class HistoryMojo extends StrataMojo {
    @Override
    void run(Strata strata) {
        var rows = strata.history();
        if (rows.isEmpty()) {
            getLog().info("Strata: no history yet");
        }
        for (HistoryRow h : rows) {
            getLog().info(String.format("Strata: %d %s %s %s %s %s ms by %s sha256:%s %s", h.id(), h.startedAt(),
                    h.revision(), h.action().sql(), h.status().sql(), h.executionMs() == null ? "-" : h.executionMs(),
                    h.appliedBy(), h.checksum() == null ? "-" : h.checksum().substring(0, Math.min(12, h.checksum().length())),
                    h.message()));
        }
    }
}
