package dev.strata.engine.report;

import dev.strata.engine.schema.SchemaDiff;
import dev.strata.graph.RevisionId;
import dev.strata.graph.Step;
import dev.strata.op.Op;
import dev.strata.plan.Statement;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** The documents of runs and diffs: the steps an upgrade or downgrade took, stamp's result, a diff. */
public final class RunReports {
    private RunReports() {
    }

    /** The steps a run took, in order. */
    public record Steps(List<StepInfo> steps) {
        public Steps {
            steps = List.copyOf(steps);
        }

        public static Steps of(List<Step> steps) {
            return new Steps(steps.stream().map(s -> new StepInfo(s.id().value(),
                    s.direction().name().toLowerCase(Locale.ROOT), s.revision().message())).toList());
        }
    }

    /**
     * One step of a run.
     *
     * @param revision  the revision
     * @param direction up or down
     * @param message   the revision's message
     */
    public record StepInfo(String revision, String direction, String message) {
    }

    /** The revisions the database is at after a stamp, in id order. */
    public record Stamped(List<String> current) {
        public static Stamped of(Collection<RevisionId> heads) {
            return new Stamped(new TreeSet<>(heads).stream().map(RevisionId::value).toList());
        }
    }

    /** A diff: the operations, their SQL, what could not be expressed, and possible renames. */
    public record Diff(List<String> ops, List<String> sql, List<String> unsupported,
                       List<RenameCandidate> renameCandidates) {
        public static Diff of(SchemaDiff.Outcome out, List<Statement> sql) {
            return new Diff(out.ops().stream().map(Op::describe).toList(), sql.stream().map(Statement::sql).toList(),
                    out.unsupported(), out.candidates().stream().map(c -> new RenameCandidate(c.kind(), c.from(),
                    c.to())).toList());
        }
    }

    /** A drop and add that may be a rename. */
    public record RenameCandidate(String kind, String from, String to) {
    }
}
