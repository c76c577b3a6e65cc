package dev.strata.engine;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.RevisionGraph;
import dev.strata.graph.RevisionId;
import dev.strata.run.DatabaseState;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parsing of the FROM:TO ranges that offline ({@code --sql}) runs take, as in Alembic. */
public final class Targets {
    private Targets() {
    }

    /** A range split at its colon; {@code from} is null when the argument has none. */
    public record Range(String from, String to) {
    }

    public static Range range(String arg) {
        int colon = arg.indexOf(':');
        if (colon < 0) {
            return new Range(null, arg);
        }
        String from = arg.substring(0, colon).trim();
        String to = arg.substring(colon + 1).trim();
        if (from.isEmpty() || to.isEmpty()) {
            throw new StrataException(ErrorCode.TARGET_INVALID, "range '" + arg
                    + "' needs both ends, as in FROM:TO (e.g. base:head or 20251110_120000:head)");
        }
        return new Range(from, to);
    }

    /** The state a database is assumed to be in at FROM ("base" = empty). */
    public static DatabaseState fromState(RevisionGraph graph, String from) {
        if (from == null || from.equals("base")) {
            return DatabaseState.empty();
        }
        Set<RevisionId> heads = new HashSet<>();
        if (from.equals("heads")) {
            heads.addAll(graph.heads());
        } else if (from.equals("head")) {
            List<RevisionId> all = graph.heads();
            if (all.size() != 1) {
                throw new StrataException(ErrorCode.MULTIPLE_HEADS, "'head' is ambiguous: there are " + all.size()
                        + " heads (" + all + "); name one, or use 'heads'");
            }
            heads.add(all.get(0));
        } else {
            for (String part : from.split(",")) {
                heads.add(graph.resolve(part.trim()).id());
            }
        }
        return new DatabaseState(true, heads, Map.of(), List.of());
    }
}
