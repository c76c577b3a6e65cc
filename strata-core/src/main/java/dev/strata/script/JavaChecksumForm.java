package dev.strata.script;

import dev.strata.graph.Revision;
import dev.strata.graph.RevisionId;
import dev.strata.plan.Backfill;
import dev.strata.plan.Statement;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The normalized text a Java revision's checksum is taken over; {@link JavaMigrationScript}'s Javadoc is
 * the user-facing description. Each statement is written with the length of its SQL, so that no SQL text
 * can imitate a statement boundary. Change {@link #VERSION} whenever the form changes.
 */
final class JavaChecksumForm {
    static final String VERSION = "strata-java-checksum 1";

    private JavaChecksumForm() {
    }

    /** @param downgrade the rendered downgrade, or null when the revision is irreversible */
    static String of(Revision revision, boolean transactional, List<Statement> upgrade, List<Statement> downgrade) {
        return of(revision, transactional, upgrade, downgrade, List.of());
    }

    /** As above; the verify statements count only when there are some (a class without them keeps its checksum). */
    static String of(Revision revision, boolean transactional, List<Statement> upgrade, List<Statement> downgrade,
                     List<Statement> verify) {
        StringBuilder out = new StringBuilder();
        out.append(VERSION).append('\n');
        out.append("revision ").append(revision.id()).append('\n');
        out.append("parents ").append(sorted(revision.parents())).append('\n');
        out.append("depends-on ").append(sorted(revision.dependsOn())).append('\n');
        out.append("transactional ").append(transactional).append('\n');
        out.append("-- upgrade\n");
        statements(out, upgrade);
        if (downgrade == null) {
            out.append("-- irreversible\n");
        } else {
            out.append("-- downgrade\n");
            statements(out, downgrade);
        }
        if (!verify.isEmpty()) {
            out.append("-- verify\n");
            statements(out, verify);
        }
        return out.toString();
    }

    private static void statements(StringBuilder out, List<Statement> statements) {
        for (Statement s : statements) {
            out.append(s.tx()).append(' ').append(s.sql().length()).append('\n').append(s.sql()).append('\n');
            Backfill b = s.backfill();
            if (b != null) {
                field(out, "table", b.table());
                field(out, "key", String.join(",", b.key()));
                field(out, "set", b.assignments());
                field(out, "pending", b.pending() == null ? "" : b.pending());
            }
        }
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(name).append(' ').append(value.length()).append('\n').append(value).append('\n');
    }

    private static String sorted(List<RevisionId> ids) {
        return ids.stream().map(RevisionId::value).sorted().collect(Collectors.joining(" "));
    }
}
