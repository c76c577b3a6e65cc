package dev.strata.diff;

import dev.strata.model.Column;
import dev.strata.model.Constraint;
import dev.strata.model.Function;
import dev.strata.model.Index;
import dev.strata.model.MaterializedView;
import dev.strata.model.ObjectName;
import dev.strata.model.Schema;
import dev.strata.model.Sequence;
import dev.strata.model.Table;
import dev.strata.model.Trigger;
import dev.strata.model.View;
import dev.strata.op.RawSql;
import dev.strata.op.SetComment;
import dev.strata.op.SetComment.Target;
import dev.strata.plan.Tx;
import dev.strata.sql.SqlText;

import java.util.Objects;

/**
 * Comments, set last: on every object of the target whose comment differs from the source's, where an object
 * new in the target, or dropped and created again, counts as having none. {@link SetComment} where it has a
 * target kind, raw {@code COMMENT ON} otherwise (materialized views, functions, triggers, schemas, domains).
 */
final class CommentDiffer {
    private CommentDiffer() {
    }

    static void diff(DiffContext cx) {
        for (Schema s : cx.to.schemas().values()) {
            Schema old = cx.from.schemas().get(s.name());
            raw(cx, "SCHEMA " + SqlText.ident(s.name()), old == null ? null : old.comment(), s.comment());
        }
        for (Table t : cx.to.tables().values()) {
            Table old = cx.from.tables().get(t.name());
            typed(cx, Target.TABLE, t.name(), null, old == null ? null : old.comment(), t.comment());
            for (Column c : t.columns()) {
                Column oc = old == null ? null : old.column(c.name()).orElse(null);
                typed(cx, Target.COLUMN, t.name(), c.name(), oc == null ? null : oc.comment(), c.comment());
            }
            for (Constraint c : t.constraints()) {
                Constraint oc = old == null || cx.wasRecreated("constraint", t.name() + "." + c.name()) ? null
                        : old.constraint(c.name()).orElse(null);
                typed(cx, Target.CONSTRAINT, t.name(), c.name(), oc == null ? null : oc.comment(), c.comment());
            }
        }
        for (Index i : cx.to.indexes().values()) {
            Index old = cx.from.indexes().get(i.name());
            boolean fresh = old == null || cx.wasRecreated("index", i.name()) || cx.wasRecreated("view", i.table());
            typed(cx, Target.INDEX, i.name(), null, fresh ? null : old.comment(), i.comment());
        }
        for (View v : cx.to.views().values()) {
            View old = cx.wasRecreated("view", v.name()) ? null : cx.from.views().get(v.name());
            typed(cx, Target.VIEW, v.name(), null, old == null ? null : old.comment(), v.comment());
        }
        for (MaterializedView v : cx.to.materializedViews().values()) {
            MaterializedView old = cx.wasRecreated("view", v.name()) ? null : cx.from.materializedViews().get(v.name());
            raw(cx, "MATERIALIZED VIEW " + v.name().quoted(), old == null ? null : old.comment(), v.comment());
        }
        for (Sequence s : cx.to.sequences().values()) {
            Sequence old = cx.from.sequences().get(s.name());
            typed(cx, Target.SEQUENCE, s.name(), null, old == null ? null : old.comment(), s.comment());
        }
        cx.to.enums().values().forEach(e -> {
            var old = cx.from.enums().get(e.name());
            typed(cx, Target.TYPE, e.name(), null, old == null ? null : old.comment(), e.comment());
        });
        cx.to.compositeTypes().values().forEach(e -> {
            var old = cx.from.compositeTypes().get(e.name());
            typed(cx, Target.TYPE, e.name(), null, old == null ? null : old.comment(), e.comment());
        });
        cx.to.domains().values().forEach(d -> {
            var old = cx.from.domains().get(d.name());
            raw(cx, "DOMAIN " + d.name().quoted(), old == null ? null : old.comment(), d.comment());
        });
        for (Function f : cx.to.functions().values()) {
            Function old = cx.wasRecreated("function", f.key()) ? null : cx.from.functions().get(f.key());
            String kind = f.kind() == Function.Kind.PROCEDURE ? "PROCEDURE " : "FUNCTION ";
            raw(cx, kind + f.name().quoted() + "(" + f.identityArguments() + ")", old == null ? null : old.comment(),
                    f.comment());
        }
        for (Trigger t : cx.to.triggers().values()) {
            Trigger old = cx.wasRecreated("trigger", t.name()) || cx.wasRecreated("view", t.name().relation()) ? null
                    : cx.from.triggers().get(t.name());
            raw(cx, "TRIGGER " + Sql.ident(t.name().name()) + " ON " + t.name().relation().quoted(),
                    old == null ? null : old.comment(), t.comment());
        }
    }

    private static void typed(DiffContext cx, Target target, ObjectName object, String member, String from, String to) {
        if (!Objects.equals(from, to)) {
            cx.add(Phase.COMMENTS, new SetComment(target, ModelOps.qn(object), member, from, to));
        }
    }

    private static void raw(DiffContext cx, String object, String from, String to) {
        if (!Objects.equals(from, to)) {
            cx.add(Phase.COMMENTS, new RawSql("COMMENT ON " + object + " IS " + Sql.literal(to),
                    "COMMENT ON " + object + " IS " + Sql.literal(from), Tx.IN_TRANSACTION));
        }
    }
}
