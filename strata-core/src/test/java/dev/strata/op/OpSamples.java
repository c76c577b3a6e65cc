package dev.strata.op;

import dev.strata.plan.Tx;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One sample op per kind (and per interesting variant), built from two base names so tests can make them hostile. */
final class OpSamples {
    private OpSamples() {
    }

    static Map<String, Op> all(String t, String c) {
        QualifiedName table = QualifiedName.of(t);
        QualifiedName other = QualifiedName.of("app", t + "_ref");
        ColumnDef id = new ColumnDef("id", "bigint", false, null, ColumnDef.Identity.BY_DEFAULT, null);
        ColumnDef col = ColumnDef.of(c, "text");
        CreateTable create = new CreateTable(table, List.of(id, col, new ColumnDef(c + "_n", "integer", false, "0", null, null)),
                List.of("id"), List.of(new CheckConstraint(c + "_chk", "length(" + dev.strata.sql.SqlText.ident(c) + ") < 100"),
                new ForeignKeyConstraint(c + "_fk", List.of(c + "_n"), other, List.of("id"), ForeignKeyConstraint.Action.CASCADE,
                        ForeignKeyConstraint.Action.SET_NULL, true, true)), false, "the " + c + " table");
        CreateIndex index = new CreateIndex(c + "_idx", table,
                List.of(new IndexKey(c, null, "text_pattern_ops", Map.of(), true, false), IndexKey.expression("lower(x)")),
                true, "btree", List.of("id"), "id > 0", Map.of("fillfactor", "70"), Mode.ONLINE, true);
        CreateIndex vector = new CreateIndex(c + "_hnsw", table,
                List.of(IndexKey.column("embedding").withOpclass("vector_cosine_ops")), false, "hnsw", List.of(), null,
                Map.of("m", "16", "ef_construction", "64"), Mode.ONLINE, false);
        Map<String, Op> out = new LinkedHashMap<>();
        out.put("create_table", create);
        out.put("create_table_unlogged", new CreateTable(other, List.of(ColumnDef.of("id", "bigint")), List.of(),
                List.of(new PrimaryKeyConstraint(t + "_pk", List.of("id"))), true, null));
        out.put("drop_table", new DropTable(table, create));
        out.put("rename_table", new RenameTable(table, t + "_old"));
        out.put("add_column_nullable", new AddColumn(table, col, List.of("id"), Mode.ONLINE));
        out.put("add_column_constant_default", new AddColumn(table,
                new ColumnDef(c, "text", false, "'active'", null, null), List.of("id"), Mode.ONLINE));
        out.put("add_column_volatile_not_null", new AddColumn(table,
                new ColumnDef(c, "uuid", false, "gen_random_uuid()", null, null), List.of("id"), Mode.ONLINE));
        out.put("add_column_blocking", new AddColumn(table,
                new ColumnDef(c, "uuid", false, "gen_random_uuid()", null, null), List.of("id"), Mode.BLOCKING));
        out.put("add_column_identity", new AddColumn(table,
                new ColumnDef(c, "bigint", false, null, ColumnDef.Identity.ALWAYS, null), List.of(), Mode.ONLINE));
        out.put("drop_column", new DropColumn(table, c, new AddColumn(table, col, List.of("id"), Mode.ONLINE)));
        out.put("rename_column", new RenameColumn(table, c, c + "_new"));
        out.put("alter_column_type_safe", new AlterColumn(table, ColumnDef.of(c, "varchar(20)"),
                ColumnDef.of(c, "varchar(40)"), null, null, List.of("id"), Mode.ONLINE));
        out.put("alter_column_type_expand", new AlterColumn(table, ColumnDef.of(c, "integer"),
                ColumnDef.of(c, "bigint").withNullable(false).withDefault("0"), null, null, List.of("id"), Mode.ONLINE));
        out.put("alter_column_type_using", new AlterColumn(table, ColumnDef.of(c, "text"),
                ColumnDef.of(c, "integer"), "trim(x)::integer", "x::text", List.of("id"), Mode.ONLINE));
        out.put("alter_column_blocking", new AlterColumn(table, ColumnDef.of(c, "integer"),
                ColumnDef.of(c, "bigint").withNullable(false), null, null, List.of(), Mode.BLOCKING));
        out.put("alter_column_set_not_null", new AlterColumn(table, ColumnDef.of(c, "text"),
                ColumnDef.of(c, "text").withNullable(false).withDefault("''"), null, null, List.of(), Mode.ONLINE));
        out.put("rename_column_expand", new ExpandColumnRename(table, c, new ColumnDef(c + "_new", "text", false, null, null, null), List.of("id")));
        out.put("rename_column_contract", new ContractColumnRename(table, c + "_new", col, List.of("id")));
        out.put("create_index", index);
        out.put("create_index_hnsw", vector);
        out.put("create_index_blocking", new CreateIndex(c + "_idx", table, List.of(IndexKey.column(c)), false, null,
                List.of(), null, Map.of(), Mode.BLOCKING, false));
        out.put("drop_index", new DropIndex(index.qualifiedName(), index, Mode.ONLINE));
        out.put("add_unique", new AddConstraint(table, new UniqueConstraint(c + "_key", List.of(c, "id"), true), Mode.ONLINE));
        out.put("add_primary_key", new AddConstraint(table, new PrimaryKeyConstraint(c + "_pkey", List.of("id")), Mode.ONLINE));
        out.put("add_foreign_key", new AddConstraint(table, new ForeignKeyConstraint(c + "_fk", List.of(c), other,
                List.of("id"), ForeignKeyConstraint.Action.CASCADE, null, false, false), Mode.ONLINE));
        out.put("add_check", new AddConstraint(table, new CheckConstraint(c + "_chk", "x > 0"), Mode.ONLINE));
        out.put("add_check_blocking", new AddConstraint(table, new CheckConstraint(c + "_chk", "x > 0"), Mode.BLOCKING));
        out.put("drop_constraint", new DropConstraint(table, c + "_chk",
                new AddConstraint(table, new CheckConstraint(c + "_chk", "x > 0"), Mode.ONLINE)));
        out.put("validate_constraint", new ValidateConstraint(table, c + "_chk"));
        CreateEnum createEnum = new CreateEnum(QualifiedName.of(t + "_mood"), List.of("sad", "o'k", c));
        out.put("create_enum", createEnum);
        out.put("add_enum_value", new AddEnumValue(createEnum.type(), c + "!", true, "sad", true));
        out.put("drop_enum", new DropEnum(createEnum.type(), createEnum));
        CreateSequence seq = new CreateSequence(QualifiedName.of(t + "_seq"), "bigint", 100L, 5L, 10L);
        out.put("create_sequence", seq);
        out.put("drop_sequence", new DropSequence(seq.sequence(), seq));
        CreateView view = new CreateView(QualifiedName.of(t + "_v"), "SELECT 1 AS one", false, null);
        out.put("create_view", view);
        out.put("replace_view", new CreateView(view.view(), "SELECT 2 AS two", true, "SELECT 1 AS one"));
        out.put("drop_view", new DropView(view.view(), view));
        out.put("comment_column", new SetComment(SetComment.Target.COLUMN, table, c, "old", "it's " + c));
        out.put("comment_constraint", new SetComment(SetComment.Target.CONSTRAINT, table, c + "_chk", null, "rule"));
        CreateExtension ext = new CreateExtension(c, true, "ext", "1.0");
        out.put("create_extension", ext);
        out.put("drop_extension", new DropExtension(c, ext));
        out.put("backfill", new BackfillRows(table, Map.of(c, "'x'", "id2", "id"), c + " IS NULL", List.of("id"), 500,
                Duration.ofMillis(100), new BackfillRows(table, Map.of(c, "NULL"), null, List.of("id"), 500, null, null)));
        out.put("raw_sql", new RawSql("SELECT 1", "SELECT 2", Tx.IN_TRANSACTION));
        return out;
    }

    /** Lists rendered together: the plain forms for a table created earlier in the same list. */
    static Map<String, List<Op>> lists() {
        QualifiedName users = QualifiedName.of("users");
        Operations op = new Operations();
        op.createTable("users", t -> t.column("id", "bigint", c -> c.identity()).primaryKey("id")
                        .column("email", "text", c -> c.notNull()))
                .addColumn("users", "token", "uuid", c -> c.notNull().defaultValue("gen_random_uuid()"))
                .createIndex("idx_users_email", "users", List.of("email"), i -> i.unique())
                .createForeignKey("fk_users_self", "users", List.of("id"), "users", List.of("id"), fk -> fk.onDelete("CASCADE"))
                .alterColumnType("users", "email", "text", "varchar(200)")
                .commentOnColumn("users", "email", "login");
        Operations existing = new Operations();
        existing.addColumn("orders", "status", "text", c -> c.notNull().defaultValue("'new'"))
                .createIndex("idx_orders_status", "orders", List.of("status"), i -> i.where("status <> 'done'").include("id"))
                .createForeignKey("fk_orders_user", "orders", List.of("user_id"), "users", List.of("id"), fk -> fk.onDelete("set null"))
                .renameColumnExpand("orders", "total", "amount", "numeric(12,2)", c -> c.key("id"))
                .backfill("orders", Map.of("status", "'new'"), "status IS NULL", "id")
                .createExtension("postgis")
                .createEnum("mood", "sad", "happy")
                .addEnumValue("mood", "ok", "sad")
                .inSchema("billing").createTable("invoices", t -> t.column("id", "bigint").primaryKey("id"));
        Map<String, List<Op>> out = new LinkedHashMap<>();
        out.put("list_fresh_table", op.ops());
        out.put("list_existing_tables", existing.ops());
        out.put("list_rename_table_keeps_fresh", List.of(
                new CreateTable(users, List.of(ColumnDef.of("id", "bigint")), List.of(), List.of(), false, null),
                new RenameTable(users, "people"),
                new CreateIndex("idx_people", QualifiedName.of("people"), List.of(IndexKey.column("id")), false, null,
                        List.of(), null, Map.of(), Mode.ONLINE, false)));
        return out;
    }
}
