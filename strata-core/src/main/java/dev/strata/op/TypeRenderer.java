package dev.strata.op;

import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
import dev.strata.sql.SqlText;

import java.util.List;
import java.util.stream.Collectors;

/** SQL for enum types and sequences: catalog changes that lock no table. */
final class TypeRenderer {
    private TypeRenderer() {
    }

    /** {@code CREATE TYPE ... AS ENUM}. */
    static List<Statement> createEnum(CreateEnum op) {
        String labels = op.values().stream().map(SqlText::literal).collect(Collectors.joining(", "));
        return List.of(Statement.of("CREATE TYPE " + op.type().sql() + " AS ENUM (" + labels + ")",
                Tx.IN_TRANSACTION, op.describe()));
    }

    /**
     * {@code ALTER TYPE ... ADD VALUE}, in a transaction of its own: PostgreSQL 12+ allows it in a
     * transaction, but the label is unusable until that transaction commits, so it must not share one
     * with statements that might use it.
     */
    static List<Statement> addEnumValue(AddEnumValue op) {
        StringBuilder sql = new StringBuilder("ALTER TYPE ").append(op.type().sql()).append(" ADD VALUE ");
        if (op.ifNotExists()) {
            sql.append("IF NOT EXISTS ");
        }
        sql.append(SqlText.literal(op.value()));
        if (op.neighbour() != null) {
            sql.append(op.before() ? " BEFORE " : " AFTER ").append(SqlText.literal(op.neighbour()));
        }
        return List.of(Statement.of(sql.toString(), Tx.OWN_TRANSACTION, op.describe()));
    }

    /** {@code DROP TYPE}: fails while a column uses it. */
    static List<Statement> dropEnum(DropEnum op) {
        return List.of(Statement.of("DROP TYPE " + op.type().sql(), Tx.IN_TRANSACTION, op.describe()));
    }

    static List<Statement> createSequence(CreateSequence op) {
        StringBuilder sql = new StringBuilder("CREATE SEQUENCE ").append(op.sequence().sql());
        if (op.dataType() != null) {
            sql.append(" AS ").append(op.dataType().toLowerCase(java.util.Locale.ROOT));
        }
        if (op.increment() != null) {
            sql.append(" INCREMENT BY ").append(op.increment());
        }
        if (op.start() != null) {
            sql.append(" START WITH ").append(op.start());
        }
        if (op.cache() != null) {
            sql.append(" CACHE ").append(op.cache());
        }
        return List.of(Statement.of(sql.toString(), Tx.IN_TRANSACTION, op.describe()));
    }

    static List<Statement> dropSequence(DropSequence op) {
        return List.of(Statement.of("DROP SEQUENCE " + op.sequence().sql(), Tx.IN_TRANSACTION, op.describe(),
                dev.strata.plan.Hazard.DATA_LOSS));
    }
}
