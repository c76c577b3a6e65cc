package dev.strata.op;

import dev.strata.plan.Hazard;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
import dev.strata.sql.SqlText;

import java.util.List;

/** SQL for views, comments, extensions and batched backfills. */
final class CatalogRenderer {
    private CatalogRenderer() {
    }

    /** {@code CREATE [OR REPLACE] VIEW}: ACCESS EXCLUSIVE on the view only, instant. */
    static List<Statement> createView(CreateView op) {
        return List.of(Statement.of("CREATE " + (op.orReplace() ? "OR REPLACE " : "") + "VIEW " + op.view().sql()
                + " AS " + op.query(), Tx.IN_TRANSACTION, op.describe()));
    }

    /** {@code DROP VIEW}: ACCESS EXCLUSIVE on the view; clients using it break. */
    static List<Statement> dropView(DropView op) {
        return List.of(Statement.of("DROP VIEW " + op.view().sql(), Tx.IN_TRANSACTION, op.describe(),
                Hazard.BREAKS_CLIENTS));
    }

    /** {@code COMMENT ON ...}: SHARE UPDATE EXCLUSIVE, instant. */
    static List<Statement> comment(SetComment op) {
        String target = switch (op.target()) {
            case TABLE -> "TABLE " + op.object().sql();
            case COLUMN -> "COLUMN " + op.object().sql() + "." + SqlText.ident(op.member());
            case INDEX -> "INDEX " + op.object().sql();
            case VIEW -> "VIEW " + op.object().sql();
            case SEQUENCE -> "SEQUENCE " + op.object().sql();
            case TYPE -> "TYPE " + op.object().sql();
            case CONSTRAINT -> "CONSTRAINT " + SqlText.ident(op.member()) + " ON " + op.object().sql();
        };
        return List.of(Statement.of("COMMENT ON " + target + " IS " + SqlText.literal(op.to()), Tx.IN_TRANSACTION,
                op.describe()));
    }

    /** {@code CREATE EXTENSION}: no table lock; needs the extension's files on the server. */
    static List<Statement> createExtension(CreateExtension op) {
        StringBuilder sql = new StringBuilder("CREATE EXTENSION ");
        if (op.ifNotExists()) {
            sql.append("IF NOT EXISTS ");
        }
        sql.append(SqlText.ident(op.name()));
        if (op.schema() != null) {
            sql.append(" SCHEMA ").append(SqlText.ident(op.schema()));
        }
        if (op.version() != null) {
            sql.append(" VERSION ").append(SqlText.literal(op.version()));
        }
        return List.of(Statement.of(sql.toString(), Tx.IN_TRANSACTION, op.describe()));
    }

    /** {@code DROP EXTENSION IF EXISTS} without CASCADE: fails while anything uses it. */
    static List<Statement> dropExtension(DropExtension op) {
        return List.of(Statement.of("DROP EXTENSION IF EXISTS " + SqlText.ident(op.name()), Tx.IN_TRANSACTION,
                op.describe(), Hazard.DATA_LOSS));
    }

    /** A BATCHED statement: each batch its own short transaction, row locks only. */
    static List<Statement> backfill(BackfillRows op) {
        StringBuilder set = new StringBuilder();
        op.set().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> {
            if (set.length() > 0) {
                set.append(", ");
            }
            set.append(SqlText.ident(e.getKey())).append(" = ").append(e.getValue());
        });
        return List.of(Statement.backfill(new dev.strata.plan.Backfill(op.table().sql(),
                op.key().stream().map(SqlText::ident).toList(), set.toString(), op.pending(), op.batchSize(),
                op.pause()), op.describe()));
    }
}
