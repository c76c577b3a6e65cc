package dev.strata.op;

import dev.strata.plan.Hazard;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
import dev.strata.sql.SqlText;

import java.util.ArrayList;
import java.util.List;

/** SQL for creating, dropping and renaming tables. */
final class TableRenderer {
    private TableRenderer() {
    }

    /**
     * {@code CREATE [UNLOGGED] TABLE} with its columns, primary key and constraints, plus
     * {@code COMMENT ON TABLE} when a comment is given. Takes no lock on existing tables except SHARE
     * ROW EXCLUSIVE (brief) on tables its foreign keys reference.
     */
    static List<Statement> create(CreateTable op) {
        List<String> parts = new ArrayList<>();
        op.columns().forEach(c -> parts.add(SqlParts.column(c)));
        if (!op.primaryKey().isEmpty()) {
            parts.add("PRIMARY KEY (" + SqlText.identList(op.primaryKey()) + ")");
        }
        op.constraints().forEach(c -> parts.add(SqlParts.constraint(c)));
        String sql = "CREATE " + (op.unlogged() ? "UNLOGGED " : "") + "TABLE " + op.table().sql()
                + " (\n    " + String.join(",\n    ", parts) + "\n)";
        List<Statement> out = new ArrayList<>();
        out.add(Statement.of(sql, Tx.IN_TRANSACTION, op.describe()));
        if (op.comment() != null) {
            out.add(Statement.of("COMMENT ON TABLE " + op.table().sql() + " IS " + SqlText.literal(op.comment()),
                    Tx.IN_TRANSACTION, op.describe()));
        }
        return out;
    }

    /** {@code DROP TABLE}: ACCESS EXCLUSIVE on the table (and on tables it references); destroys its data. */
    static List<Statement> drop(DropTable op) {
        return List.of(Statement.of("DROP TABLE " + op.table().sql(), Tx.IN_TRANSACTION, op.describe(),
                Hazard.ACCESS_EXCLUSIVE_LOCK, Hazard.DATA_LOSS));
    }

    /** {@code ALTER TABLE ... RENAME TO}: ACCESS EXCLUSIVE, instant; clients using the old name break. */
    static List<Statement> rename(RenameTable op) {
        return List.of(Statement.of("ALTER TABLE " + op.table().sql() + " RENAME TO " + SqlText.ident(op.newName()),
                Tx.IN_TRANSACTION, op.describe(), Hazard.ACCESS_EXCLUSIVE_LOCK, Hazard.BREAKS_CLIENTS));
    }
}
