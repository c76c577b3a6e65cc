package dev.strata.op;

import dev.strata.plan.Statement;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one place that turns ops into SQL. Output is deterministic: same ops, byte-identical statements.
 * Identifiers are always quoted (through {@link dev.strata.sql.SqlText}); expressions, types and
 * predicates given as SQL text are written as given.
 *
 * <p>Online-safe forms are the default (see each renderer: {@link ColumnRenderer}, {@link IndexRenderer},
 * {@link ConstraintRenderer}, {@link TypeChange}, {@link RenameRenderer}); an op's {@link Mode#BLOCKING}
 * asks for the plain statement. While rendering a list, tables created earlier in that list get the plain
 * forms: nobody else can see them before commit, so there is nothing to protect.
 */
public final class Renderer {
    private Renderer() {
    }

    public static List<Statement> render(List<Op> ops) {
        Set<QualifiedName> fresh = new HashSet<>();
        List<Statement> out = new ArrayList<>();
        for (Op op : ops) {
            out.addAll(render(op, fresh));
            track(op, fresh);
        }
        return out;
    }

    /** One op, on its own (no table counts as created in the same list). */
    public static List<Statement> render(Op op) {
        return render(op, Set.of());
    }

    private static void track(Op op, Set<QualifiedName> fresh) {
        if (op instanceof CreateTable ct) {
            fresh.add(ct.table());
        } else if (op instanceof DropTable dt) {
            fresh.remove(dt.table());
        } else if (op instanceof RenameTable rt && fresh.remove(rt.table())) {
            fresh.add(rt.table().sibling(rt.newName()));
        }
    }

    private static List<Statement> render(Op op, Set<QualifiedName> fresh) {
        if (op instanceof RawSql raw) {
            return List.of(new Statement(raw.up(), raw.tx(), Set.of(), raw.describe(), null));
        }
        if (op instanceof ExtensionOp ext) {
            return ext.render(fresh);
        }
        if (op instanceof CreateTable o) {
            return TableRenderer.create(o);
        }
        if (op instanceof DropTable o) {
            return TableRenderer.drop(o);
        }
        if (op instanceof RenameTable o) {
            return TableRenderer.rename(o);
        }
        if (op instanceof AddColumn o) {
            return ColumnRenderer.add(o, fresh.contains(o.table()));
        }
        if (op instanceof DropColumn o) {
            return ColumnRenderer.drop(o);
        }
        if (op instanceof RenameColumn o) {
            return ColumnRenderer.rename(o);
        }
        if (op instanceof AlterColumn o) {
            return ColumnRenderer.alter(o, fresh.contains(o.table()));
        }
        if (op instanceof ExpandColumnRename o) {
            return RenameRenderer.expand(o);
        }
        if (op instanceof ContractColumnRename o) {
            return RenameRenderer.contract(o);
        }
        if (op instanceof CreateIndex o) {
            return IndexRenderer.create(o, fresh.contains(o.table()));
        }
        if (op instanceof DropIndex o) {
            return IndexRenderer.drop(o);
        }
        if (op instanceof AddConstraint o) {
            return ConstraintRenderer.add(o, fresh.contains(o.table()));
        }
        if (op instanceof DropConstraint o) {
            return ConstraintRenderer.drop(o);
        }
        if (op instanceof ValidateConstraint o) {
            return ConstraintRenderer.validate(o);
        }
        if (op instanceof CreateEnum o) {
            return TypeRenderer.createEnum(o);
        }
        if (op instanceof AddEnumValue o) {
            return TypeRenderer.addEnumValue(o);
        }
        if (op instanceof DropEnum o) {
            return TypeRenderer.dropEnum(o);
        }
        if (op instanceof CreateSequence o) {
            return TypeRenderer.createSequence(o);
        }
        if (op instanceof DropSequence o) {
            return TypeRenderer.dropSequence(o);
        }
        if (op instanceof CreateView o) {
            return CatalogRenderer.createView(o);
        }
        if (op instanceof DropView o) {
            return CatalogRenderer.dropView(o);
        }
        if (op instanceof SetComment o) {
            return CatalogRenderer.comment(o);
        }
        if (op instanceof CreateExtension o) {
            return CatalogRenderer.createExtension(o);
        }
        if (op instanceof DropExtension o) {
            return CatalogRenderer.dropExtension(o);
        }
        if (op instanceof BackfillRows o) {
            return CatalogRenderer.backfill(o);
        }
        throw new IllegalStateException("no rendering for " + op.getClass().getName());
    }
}
