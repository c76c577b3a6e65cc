package dev.strata.engine;

import dev.strata.engine.report.VerifyReport;
import dev.strata.engine.schema.Models;
import dev.strata.engine.schema.SchemaDiff;
import dev.strata.graph.RevisionId;
import dev.strata.run.DatabaseState;
import dev.strata.run.MigrationSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code strata verify}: after an upgrade, is the database what the revisions say it should be? Three checks, each
 * reusing what {@code check} uses: the version and history tables against the project (pending revisions, revisions
 * the project does not know, half-applied revisions), the checksum recorded for every applied revision against its
 * file, and the live schema against the schema the chain's head produces, replayed on a scratch database
 * ({@link dev.strata.engine.schema.ChainReplay}) and compared with the differ.
 */
public final class SchemaVerifier {
    private SchemaVerifier() {
    }

    /** @param devUrl a server for the scratch database, or null for the configured one / an embedded one */
    public static VerifyReport verify(Workspace w, String devUrl) {
        Status st = StatusReader.read(w);
        MigrationSet set = w.migrations();
        DatabaseState state = w.target().readState();
        int checked = 0;
        for (RevisionId id : set.graph().applied(state.heads().stream().filter(set::contains)
                .collect(java.util.stream.Collectors.toSet()))) {
            if (state.checksums().containsKey(id)) {
                checked++;
            }
        }
        List<String> differences = new ArrayList<>();
        try (Models models = new Models(w, devUrl)) {
            String head = set.graph().heads().isEmpty() ? "base" : "heads";
            Models.Pair both = models.both(() -> models.chain(head), w::readSchema);
            // a deferred IVFFlat build still waiting for rows is pending work (current lists it), not a difference
            SchemaDiff.Outcome o = SchemaDiff.diff(StatusReader.withoutPendingBuilds(both.first(), both.second(), set,
                    state), both.second(), Map.of(), true);
            o.ops().forEach(op -> differences.add(op.describe()));
            differences.addAll(o.unsupported());
        }
        return VerifyReport.of(st, checked, differences);
    }
}
