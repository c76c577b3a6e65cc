package dev.strata.graph;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Selects the revisions of a history range {@code LOWER:UPPER}, both ends included, newest first. An empty
 * LOWER is base and an empty UPPER is heads; {@code current} is the version table's heads; LOWER
 * {@code -N} means N revisions below UPPER (clamped at base, as Alembic does); otherwise each end is an
 * absolute target. LOWER must be an ancestor of (or equal to) UPPER.
 */
final class HistoryRange {
    private final RevisionGraph graph;
    private final Set<RevisionId> currentHeads;
    private final TargetResolver resolver;

    HistoryRange(RevisionGraph graph, Set<RevisionId> currentHeads) {
        this.graph = graph;
        this.currentHeads = currentHeads;
        this.resolver = new TargetResolver(graph);
    }

    List<Revision> select(String text) {
        String range = text == null ? "" : text.trim();
        int colon = range.indexOf(':');
        if (colon < 0 || range.indexOf(':', colon + 1) >= 0) {
            throw new StrataException(ErrorCode.TARGET_INVALID, "history range '" + text
                    + "' is not valid: use LOWER:UPPER, e.g. base:head, -3:, current:, ID:");
        }
        String lowerText = range.substring(0, colon).trim();
        String upperText = range.substring(colon + 1).trim();
        Set<RevisionId> upper = upperText.isEmpty() ? Set.copyOf(graph.heads()) : end(upperText);
        Set<RevisionId> included = graph.closure(upper, graph.index().requires::get, true);
        if (!lowerText.isEmpty()) {
            Set<RevisionId> lower = lowerText.matches("-[0-9]+") ? walkBelow(upper, lowerText) : end(lowerText);
            for (RevisionId l : lower) {
                if (!included.contains(l)) {
                    throw new StrataException(ErrorCode.TARGET_INVALID, "history range '" + text + "': " + l
                            + " is not an ancestor of " + (upper.isEmpty() ? "base" : RevisionGraph.join(upper)));
                }
            }
            if (!lower.isEmpty()) {
                included.retainAll(graph.closure(lower, graph.index().requiredBy::get, true));
            }
        }
        return graph.ordered(included, true).stream().map(graph::get).toList();
    }

    private Set<RevisionId> end(String text) {
        if (text.equals("current")) {
            if (currentHeads == null) {
                throw new StrataException(ErrorCode.TARGET_INVALID, "history range 'current' needs the database:"
                        + " give a database URL, or name revisions instead");
            }
            return Set.copyOf(currentHeads);
        }
        RevisionSpec spec = RevisionSpec.parse(text);
        if (spec instanceof RevisionSpec.Relative r && r.from() == null) {
            throw new StrataException(ErrorCode.TARGET_INVALID, "history range end '" + text
                    + "' is relative: only the lower end may be -N");
        }
        return resolver.absolute(spec, text);
    }

    /** The revision N below the single upper end, or base when the walk runs out (Alembic does not overwalk). */
    private Set<RevisionId> walkBelow(Set<RevisionId> upper, String text) {
        if (upper.size() != 1) {
            throw new StrataException(ErrorCode.MULTIPLE_HEADS, "history range '" + text + ":' is ambiguous: the upper"
                    + " end has " + upper.size() + " revisions (" + RevisionGraph.join(new TreeSet<>(upper))
                    + "): name one as the upper end");
        }
        RevisionId at = upper.iterator().next();
        int steps = Integer.parseInt(text.substring(1));
        for (int i = 0; i < steps; i++) {
            Revision r = graph.get(at);
            if (r.parents().isEmpty()) {
                return Set.of();
            }
            if (r.isMerge()) {
                throw new StrataException(ErrorCode.AMBIGUOUS_REVISION, "history range '" + text + ":' walks down"
                        + " through merge " + at + ": name the lower end");
            }
            at = r.parents().get(0);
        }
        return Set.of(at);
    }
}
