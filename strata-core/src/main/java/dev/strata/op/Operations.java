package dev.strata.op;

import dev.strata.plan.Tx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a Java revision's {@code upgrade} and {@code downgrade} receive: each call records an op, in order.
 * Nothing runs while the revision's method is called; the ops are rendered ({@link Renderer}) and run
 * afterwards. Names are taken verbatim in the schema this object was made for ({@code public} unless
 * {@link #inSchema} says otherwise) and always quoted. Online-safe SQL is the default; every option
 * builder has {@code blocking()} for the plain form.
 */
public class Operations {
    private final List<Op> ops;
    private final String schema;

    public Operations() {
        this(new ArrayList<>(), "public");
    }

    private Operations(List<Op> ops, String schema) {
        this.ops = ops;
        this.schema = QualifiedName.requireName(schema, "schema");
    }

    /** The same recording, with names in {@code schema}: {@code op.inSchema("billing").createTable(...)}. */
    public Operations inSchema(String otherSchema) {
        return new Operations(ops, otherSchema);
    }

    /** Records an op; the typed methods all end here. */
    public Operations add(Op op) {
        ops.add(Objects.requireNonNull(op, "op"));
        return this;
    }

    /** The ops recorded so far, in order. */
    public List<Op> ops() {
        return List.copyOf(ops);
    }

    private QualifiedName name(String name) {
        return new QualifiedName(schema, name);
    }

    // ---- raw SQL

    /** Raw SQL with its reverse (null: irreversible), run inside the revision's transaction. */
    public Operations sql(String up, String down) {
        return add(new RawSql(up, down, Tx.IN_TRANSACTION));
    }

    /** Raw SQL that must run outside a transaction (e.g. CREATE INDEX CONCURRENTLY written by hand). */
    public Operations sqlOutsideTransaction(String up, String down) {
        return add(new RawSql(up, down, Tx.NO_TRANSACTION));
    }

    // ---- tables

    /** {@code CREATE TABLE "s"."t" (...)}; no lock on existing tables. Later ops on it in this revision render plain. */
    public Operations createTable(String table, Consumer<TableBuilder> spec) {
        TableBuilder b = new TableBuilder(name(table));
        spec.accept(b);
        return add(b.build());
    }

    /** {@code DROP TABLE} (ACCESS EXCLUSIVE, data lost); irreversible. */
    public Operations dropTable(String table) {
        return add(new DropTable(name(table), null));
    }

    /** {@code DROP TABLE}, reversible to the table described by {@code definition} (without its data). */
    public Operations dropTable(String table, Consumer<TableBuilder> definition) {
        TableBuilder b = new TableBuilder(name(table));
        definition.accept(b);
        return add(new DropTable(name(table), b.build()));
    }

    /** {@code ALTER TABLE ... RENAME TO} (ACCESS EXCLUSIVE, instant; breaks clients using the old name). */
    public Operations renameTable(String table, String newName) {
        return add(new RenameTable(name(table), newName));
    }

    // ---- columns

    /** {@code ADD COLUMN "c" type}, nullable (ACCESS EXCLUSIVE, instant). */
    public Operations addColumn(String table, String column, String type) {
        return addColumn(table, column, type, c -> {
        });
    }

    /**
     * {@code ADD COLUMN} with options. A constant default is instant (even NOT NULL); a volatile default
     * becomes add + SET DEFAULT + batched backfill (+ NOT NULL via a validated check), walking
     * {@code c.key(...)} (default {@code id}).
     */
    public Operations addColumn(String table, String column, String type, Consumer<ColumnBuilder> spec) {
        ColumnBuilder b = new ColumnBuilder();
        spec.accept(b);
        return add(new AddColumn(name(table), b.build(column, type), b.key(), b.mode(), b.strategy()));
    }

    /** {@code DROP COLUMN} (ACCESS EXCLUSIVE, instant, data lost); irreversible. */
    public Operations dropColumn(String table, String column) {
        return add(new DropColumn(name(table), column, null));
    }

    /** {@code DROP COLUMN}, reversible: the reverse adds the column described here back (empty). */
    public Operations dropColumn(String table, String column, String type, Consumer<ColumnBuilder> definition) {
        ColumnBuilder b = new ColumnBuilder();
        definition.accept(b);
        return add(new DropColumn(name(table), column,
                new AddColumn(name(table), b.build(column, type), b.key(), b.mode(), b.strategy())));
    }

    /**
     * Changes a column's type. Online: a plain {@code ALTER COLUMN ... TYPE} when PostgreSQL needs no
     * rewrite (varchar growth, varchar/text, numeric precision growth...), else expand/contract (new
     * column, sync trigger, batched backfill, swap in one short transaction); see {@link TypeChange}.
     */
    public Operations alterColumnType(String table, String column, String fromType, String toType) {
        return alterColumn(table, column, a -> a.type(fromType, toType));
    }

    /** Any combination of type, nullability and default changes; see {@link AlterBuilder}. */
    public Operations alterColumn(String table, String column, Consumer<AlterBuilder> spec) {
        AlterBuilder b = new AlterBuilder();
        spec.accept(b);
        return add(b.build(name(table), column));
    }

    /** {@code RENAME COLUMN}: the blocking form (ACCESS EXCLUSIVE, instant, breaks clients using the old name). */
    public Operations renameColumn(String table, String column, String newName) {
        return add(new RenameColumn(name(table), column, newName));
    }

    /**
     * First revision of an online rename: adds {@code newName} of {@code type}, a trigger keeping both
     * columns in sync both ways, and a batched backfill walking {@code c.key(...)} (default {@code id}).
     */
    public Operations renameColumnExpand(String table, String column, String newName, String type,
                                         Consumer<ColumnBuilder> spec) {
        ColumnBuilder b = new ColumnBuilder();
        spec.accept(b);
        return add(new ExpandColumnRename(name(table), column, b.build(newName, type), b.key()));
    }

    /** Later revision of an online rename: drops the sync trigger and the old column {@code oldName}. */
    public Operations renameColumnContract(String table, String oldName, String newName, String type,
                                           Consumer<ColumnBuilder> oldDefinition) {
        ColumnBuilder b = new ColumnBuilder();
        oldDefinition.accept(b);
        return add(new ContractColumnRename(name(table), newName, b.build(oldName, type), b.key()));
    }

    // ---- indexes

    /** {@code CREATE INDEX CONCURRENTLY "i" ON "s"."t" USING btree ("c", ...)} (SHARE UPDATE EXCLUSIVE, outside a transaction). */
    public Operations createIndex(String index, String table, String... columns) {
        return createIndex(index, table, List.of(columns), i -> {
        });
    }

    /** {@link #createIndex(String, String, String...)} with options: unique, method, include, where, opclass, with. */
    public Operations createIndex(String index, String table, List<String> columns, Consumer<IndexBuilder> spec) {
        IndexBuilder b = new IndexBuilder();
        spec.accept(b);
        return add(b.build(index, name(table), columns));
    }

    /** {@code DROP INDEX CONCURRENTLY IF EXISTS} (SHARE UPDATE EXCLUSIVE, outside a transaction); irreversible. */
    public Operations dropIndex(String index) {
        return add(new DropIndex(name(index), null, Mode.ONLINE));
    }

    /** {@code DROP INDEX CONCURRENTLY IF EXISTS}, reversible to the index described here. */
    public Operations dropIndex(String index, String table, List<String> columns, Consumer<IndexBuilder> definition) {
        IndexBuilder b = new IndexBuilder();
        definition.accept(b);
        CreateIndex def = b.build(index, name(table), columns);
        return add(new DropIndex(def.qualifiedName(), def, def.mode()));
    }

    // ---- constraints

    /** {@code ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID} (SHARE ROW EXCLUSIVE on both, instant), then VALIDATE in its own transaction. */
    public Operations createForeignKey(String name, String table, List<String> columns, String refTable,
                                       List<String> refColumns, Consumer<ForeignKeyBuilder> spec) {
        ForeignKeyBuilder b = new ForeignKeyBuilder();
        spec.accept(b);
        return add(new AddConstraint(name(table), b.build(name, columns, name(refTable), refColumns), b.mode()));
    }

    /** {@code CREATE UNIQUE INDEX CONCURRENTLY} then {@code ADD CONSTRAINT ... UNIQUE USING INDEX} (ACCESS EXCLUSIVE, instant). */
    public Operations createUniqueConstraint(String name, String table, String... columns) {
        return add(new AddConstraint(name(table), new UniqueConstraint(name, List.of(columns), false), Mode.ONLINE));
    }

    /** {@code CREATE UNIQUE INDEX CONCURRENTLY} then {@code ADD CONSTRAINT ... PRIMARY KEY USING INDEX}; make the columns NOT NULL first. */
    public Operations createPrimaryKey(String name, String table, String... columns) {
        return add(new AddConstraint(name(table), new PrimaryKeyConstraint(name, List.of(columns)), Mode.ONLINE));
    }

    /** {@code ADD CONSTRAINT ... CHECK (...) NOT VALID} (ACCESS EXCLUSIVE, instant), then VALIDATE in its own transaction. */
    public Operations createCheckConstraint(String name, String table, String expression) {
        return add(new AddConstraint(name(table), new CheckConstraint(name, expression), Mode.ONLINE));
    }

    /** Any constraint, online or blocking. */
    public Operations addConstraint(String table, ConstraintDef constraint, Mode mode) {
        return add(new AddConstraint(name(table), constraint, mode));
    }

    /** {@code DROP CONSTRAINT} (ACCESS EXCLUSIVE, instant); irreversible unless given via {@link #add}. */
    public Operations dropConstraint(String table, String name) {
        return add(new DropConstraint(name(table), name, null));
    }

    /** {@code VALIDATE CONSTRAINT} in its own transaction (SHARE UPDATE EXCLUSIVE, scans). */
    public Operations validateConstraint(String table, String name) {
        return add(new ValidateConstraint(name(table), name));
    }

    // ---- types, sequences, views, comments, extensions

    /** {@code CREATE TYPE ... AS ENUM ('a', 'b')}. */
    public Operations createEnum(String type, String... values) {
        return add(new CreateEnum(name(type), List.of(values)));
    }

    /** {@code ALTER TYPE ... ADD VALUE IF NOT EXISTS 'v' AFTER 'after'} in its own transaction; irreversible. */
    public Operations addEnumValue(String type, String value, String after) {
        return add(new AddEnumValue(name(type), value, false, after, true));
    }

    /** {@code DROP TYPE}, reversible to an enum with {@code values}. */
    public Operations dropEnum(String type, String... values) {
        return add(new DropEnum(name(type), new CreateEnum(name(type), List.of(values))));
    }

    /** {@code CREATE SEQUENCE}. */
    public Operations createSequence(String sequence) {
        return add(new CreateSequence(name(sequence), null, null, null, null));
    }

    /** {@code CREATE VIEW ... AS query} (reverse drops it). */
    public Operations createView(String view, String query) {
        return add(new CreateView(name(view), query, false, null));
    }

    /** {@code CREATE OR REPLACE VIEW} (reverse restores {@code previousQuery}). */
    public Operations replaceView(String view, String query, String previousQuery) {
        return add(new CreateView(name(view), query, true, previousQuery));
    }

    /** {@code COMMENT ON TABLE} (SHARE UPDATE EXCLUSIVE, instant); reverse removes it. */
    public Operations commentOnTable(String table, String text) {
        return add(new SetComment(SetComment.Target.TABLE, name(table), null, null, text));
    }

    /** {@code COMMENT ON COLUMN}; reverse removes it. */
    public Operations commentOnColumn(String table, String column, String text) {
        return add(new SetComment(SetComment.Target.COLUMN, name(table), column, null, text));
    }

    /** {@code CREATE EXTENSION IF NOT EXISTS "name"}; reverse drops it. */
    public Operations createExtension(String extension) {
        return add(new CreateExtension(extension, true, null, null));
    }

    // ---- data

    /**
     * A batched {@code UPDATE "t" SET "col" = expression WHERE pending}, {@link BackfillRows#DEFAULT_BATCH} rows per transaction walking
     * {@code key}; irreversible. Make {@code pending} false for finished rows so an interrupted run resumes.
     */
    public Operations backfill(String table, Map<String, String> set, String pending, String... key) {
        return add(new BackfillRows(name(table), set, pending, List.of(key), BackfillRows.DEFAULT_BATCH,
                Duration.ZERO, null));
    }
}
