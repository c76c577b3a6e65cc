package dev.strata.cli.commands;

import dev.strata.graph.Revision;
import dev.strata.graph.RevisionGraph;
import dev.strata.graph.RevisionId;
import dev.strata.run.MigrationSet;
import dev.strata.script.MigrationScript;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** How revisions are shown by heads, branches, history and show: one line, or a detailed block. */
final class Describe {
    private Describe() {
    }

    /** "a, b -> c (head) (mergepoint), message" in Alembic's style. */
    static String line(MigrationSet set, Revision r, Set<RevisionId> current) {
        RevisionGraph g = set.graph();
        StringBuilder b = new StringBuilder();
        b.append(r.parents().isEmpty() ? "<base>" : join(r.parents())).append(" -> ").append(r.id());
        if (g.heads().contains(r.id())) {
            b.append(" (head)");
        }
        if (!r.branchLabels().isEmpty()) {
            b.append(" (").append(String.join(", ", new java.util.TreeSet<>(r.branchLabels()))).append(')');
        }
        if (current != null && current.contains(r.id())) {
            b.append(" (current)");
        }
        if (r.isMerge()) {
            b.append(" (mergepoint)");
        }
        if (g.branchPoints().contains(r.id())) {
            b.append(" (branchpoint)");
        }
        b.append(", ").append(r.message());
        return b.toString();
    }

    /** A multi-line block with every header field. */
    static List<String> block(MigrationSet set, Revision r, Set<RevisionId> current) {
        MigrationScript s = set.script(r.id());
        RevisionGraph g = set.graph();
        List<String> out = new ArrayList<>();
        String marks = (g.heads().contains(r.id()) ? " (head)" : "")
                + (current != null && current.contains(r.id()) ? " (current)" : "");
        out.add("Rev: " + r.id() + marks);
        out.add("Parent: " + (r.parents().isEmpty() ? "<base>" : join(r.parents())));
        if (!r.dependsOn().isEmpty()) {
            out.add("Depends on: " + join(r.dependsOn()));
        }
        List<RevisionId> children = g.children(r.id());
        if (children.size() > 1) {
            out.add("Branches into: " + join(children));
        }
        if (r.isMerge()) {
            out.add("Merges: " + join(r.parents()));
        }
        if (!r.branchLabels().isEmpty()) {
            out.add("Branch labels: " + String.join(", ", new java.util.TreeSet<>(r.branchLabels())));
        }
        out.add("Path: " + s.location());
        out.add("Transactional: " + s.transactional());
        s.destructiveReason().ifPresent(d -> out.add("Destructive: " + d));
        out.add("Downgrade: " + s.irreversibleReason().map(x -> "irreversible: " + x)
                .orElseGet(() -> s.downgradePlan().map(p -> p.size() + " statement(s)").orElse("none")));
        out.add("Upgrade: " + s.upgradePlan().size() + " statement(s)");
        out.add("Checksum: " + s.checksum().hex());
        out.add("");
        out.add("    " + r.message());
        out.add("");
        return out;
    }

    static String join(List<RevisionId> ids) {
        return String.join(", ", ids.stream().map(RevisionId::value).toList());
    }
}
