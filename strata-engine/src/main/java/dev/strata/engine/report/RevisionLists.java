package dev.strata.engine.report;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.strata.graph.Revision;
import dev.strata.graph.RevisionId;
import dev.strata.plan.Statement;
import dev.strata.run.MigrationSet;
import dev.strata.script.MigrationScript;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The documents that list revisions of the project: heads, branches, history and show. */
public final class RevisionLists {
    private RevisionLists() {
    }

    /** The head revisions. */
    public record Heads(List<RevisionInfo> heads) {
        public Heads {
            heads = List.copyOf(heads);
        }

        public static Heads of(MigrationSet set) {
            return new Heads(set.graph().heads().stream().map(id -> RevisionInfo.of(set, set.graph().get(id), null))
                    .toList());
        }
    }

    /** Revisions in the order given (history lists them newest first). */
    public record Revisions(List<RevisionInfo> revisions) {
        public Revisions {
            revisions = List.copyOf(revisions);
        }

        /** {@code list} of {@code set}; {@code current} marks the database's revisions, or is null. */
        public static Revisions of(MigrationSet set, List<Revision> list, Set<RevisionId> current) {
            return new Revisions(list.stream().map(r -> RevisionInfo.of(set, r, current)).toList());
        }
    }

    /** The branch points, each with the revisions that revise it. */
    public record Branches(List<BranchPoint> branches) {
        public Branches {
            branches = List.copyOf(branches);
        }

        public static Branches of(MigrationSet set) {
            return new Branches(set.graph().branchPoints().stream().map(id -> new BranchPoint(
                    RevisionInfo.of(set, set.graph().get(id), null), RevisionInfo.ids(set.graph().children(id))))
                    .toList());
        }
    }

    /** A branch point: its fields, then its children. */
    public record BranchPoint(@JsonUnwrapped RevisionInfo revision, List<String> children) {
        public BranchPoint {
            children = List.copyOf(children);
        }
    }

    /** One revision in full: its fields, then its statements (downgrade null when irreversible). */
    public record Detail(@JsonUnwrapped RevisionInfo revision, List<StatementInfo> upgrade,
                         List<StatementInfo> downgrade) {
        public static Detail of(MigrationSet set, Revision r) {
            MigrationScript script = set.script(r.id());
            return new Detail(RevisionInfo.of(set, r, null), StatementInfo.of(script.upgradePlan()),
                    script.downgradePlan().map(StatementInfo::of).orElse(null));
        }
    }

    /**
     * One statement of a revision.
     *
     * @param source      where it came from in the revision
     * @param transaction how it runs: in the revision's transaction or outside (lower case)
     * @param sql         the SQL
     */
    public record StatementInfo(String source, String transaction, String sql) {
        static List<StatementInfo> of(List<Statement> list) {
            return list.stream().map(st -> new StatementInfo(st.source(), st.tx().name().toLowerCase(Locale.ROOT),
                    st.sql())).toList();
        }
    }
}
