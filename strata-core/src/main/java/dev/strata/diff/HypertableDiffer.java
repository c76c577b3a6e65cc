package dev.strata.diff;

import dev.strata.model.Column;
import dev.strata.model.Hypertable;
import dev.strata.model.ObjectName;
import dev.strata.model.Table;
import dev.strata.op.Mode;
import dev.strata.op.QualifiedName;
import dev.strata.op.RawSql;
import dev.strata.op.ext.AddCompressionPolicy;
import dev.strata.op.ext.AddDimension;
import dev.strata.op.ext.AddReorderPolicy;
import dev.strata.op.ext.AddRetentionPolicy;
import dev.strata.op.ext.CreateHypertable;
import dev.strata.op.ext.DisableCompression;
import dev.strata.op.ext.OrderColumn;
import dev.strata.op.ext.RemoveCompressionPolicy;
import dev.strata.op.ext.RemoveReorderPolicy;
import dev.strata.op.ext.RemoveRetentionPolicy;
import dev.strata.op.ext.SetChunkInterval;
import dev.strata.op.ext.SetCompression;
import dev.strata.plan.Tx;
import dev.strata.sql.SqlText;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * TimescaleDB hypertables: the table becomes a hypertable after its columns and keys exist
 * ({@link Phase#HYPERTABLES}, with {@code migrate_data} when the table existed before), then compression and
 * the policies ({@link Phase#HYPERTABLE_SETTINGS}); policies and compression go first when removed
 * ({@link Phase#DROP_HYPERTABLE_SETTINGS}). A dropped table takes its hypertable settings with it.
 *
 * <p>What TimescaleDB makes hard is refused with the way out, or planned: a hypertable cannot become a plain
 * table or change its time column in place (refused); a new chunk interval applies to new chunks only
 * (planned, with a note); a column type change on a hypertable with compression decompresses its chunks first
 * (TimescaleDB refuses the change while chunks are compressed) and leaves recompressing to the compression
 * policy (planned, with a note); adding NOT NULL to a column of a hypertable with compression is a plain
 * SET NOT NULL ({@link #alterMode}, with a note).
 */
final class HypertableDiffer {
    private HypertableDiffer() {
    }

    static void diff(DiffContext cx) {
        KeyedDiff<ObjectName, Hypertable> d = KeyedDiff.of(cx.from.hypertables(), cx.to.hypertables());
        d.added().values().forEach(h -> create(cx, h));
        d.removed().values().forEach(h -> {
            if (cx.to.tables().containsKey(h.table())) {
                cx.unsupported("table " + h.table() + " is a hypertable in the source and a plain table in the target:"
                        + " TimescaleDB cannot turn a hypertable back into a plain table in place; create the plain table"
                        + " under a new name, copy the rows (INSERT ... SELECT), drop the hypertable and rename, in a"
                        + " hand-written revision");
            }
        });
        d.changed().values().forEach(c -> change(cx, c.from(), c.to()));
    }

    private static void create(DiffContext cx, Hypertable h) {
        QualifiedName t = ModelOps.qn(h.table());
        boolean existed = cx.from.tables().containsKey(h.table());
        if (existed) {
            cx.note("table " + h.table() + " becomes a hypertable with migrate_data: its rows are copied into chunks"
                    + " inside the revision's transaction, under an exclusive lock");
        }
        cx.add(Phase.HYPERTABLES, new CreateHypertable(t, h.timeColumn(), h.chunkInterval(), false, existed,
                h.defaultIndexes()));
        for (Hypertable.Dimension dim : h.spaceDimensions()) {
            cx.add(Phase.HYPERTABLES, dimension(t, dim));
        }
        settings(cx, h, null);
    }

    private static AddDimension dimension(QualifiedName t, Hypertable.Dimension dim) {
        return new AddDimension(t, dim.column(), dim.partitions() > 0 ? dim.partitions() : null, dim.interval());
    }

    private static void change(DiffContext cx, Hypertable a, Hypertable b) {
        QualifiedName t = ModelOps.qn(b.table());
        if (!a.timeColumn().equals(b.timeColumn())) {
            cx.unsupported("hypertable " + b.table() + ": the time column changes from " + a.timeColumn() + " to "
                    + b.timeColumn() + ", which TimescaleDB cannot do in place; create a new hypertable on "
                    + b.timeColumn() + ", copy the rows over and swap the names, in a hand-written revision");
            return;
        }
        if (!a.chunkInterval().equals(b.chunkInterval())) {
            cx.note("hypertable " + b.table() + ": the chunk interval " + b.chunkInterval()
                    + " applies to new chunks only; existing chunks keep " + a.chunkInterval());
            cx.add(Phase.HYPERTABLE_SETTINGS, new SetChunkInterval(t, b.chunkInterval(), a.chunkInterval()));
        }
        if (!a.spaceDimensions().equals(b.spaceDimensions())) {
            List<Hypertable.Dimension> kept = b.spaceDimensions().subList(0,
                    Math.min(a.spaceDimensions().size(), b.spaceDimensions().size()));
            if (!a.spaceDimensions().equals(kept)) {
                cx.unsupported("hypertable " + b.table() + ": dimensions change from " + a.spaceDimensions() + " to "
                        + b.spaceDimensions() + "; TimescaleDB cannot remove or change a dimension: create a new"
                        + " hypertable and copy the rows, in a hand-written revision");
            } else {
                cx.note("hypertable " + b.table() + ": a new dimension partitions chunks created from now on only");
                b.spaceDimensions().subList(kept.size(), b.spaceDimensions().size())
                        .forEach(dim -> cx.add(Phase.HYPERTABLE_SETTINGS, dimension(t, dim)));
            }
        }
        if (a.defaultIndexes() != b.defaultIndexes()) {
            String create = "CREATE INDEX IF NOT EXISTS " + SqlText.ident(b.defaultIndexName()) + " ON " + t.sql()
                    + " USING btree (" + SqlText.ident(b.timeColumn()) + " DESC)";
            String drop = "DROP INDEX IF EXISTS " + t.sibling(b.defaultIndexName()).sql();
            if (b.defaultIndexes()) {
                cx.add(Phase.INDEXES, new RawSql(create, drop, Tx.IN_TRANSACTION));
            } else {
                cx.add(Phase.DROP_INDEXES, new RawSql(drop, create, Tx.IN_TRANSACTION));
            }
        }
        settings(cx, b, a);
        // after the removal of a changed compression policy, whose job could compress chunks again meanwhile
        decompressForTypeChanges(cx, a, t);
    }

    /**
     * Whether {@code table} is a hypertable on either side: TimescaleDB refuses CREATE and DROP INDEX
     * CONCURRENTLY there, so its indexes get the plain form, and the differ says so for an existing hypertable.
     */
    static boolean noConcurrentIndexes(DiffContext cx, ObjectName table) {
        boolean existing = cx.from.hypertables().containsKey(table);
        if (existing && cx.options.mode() == Mode.ONLINE) {
            cx.note("hypertable " + table + ": TimescaleDB refuses CONCURRENTLY, so its index changes block writes while"
                    + " they build; for a large hypertable build one chunk at a time by hand with"
                    + " WITH (timescaledb.transaction_per_chunk)");
        }
        return existing || cx.to.hypertables().containsKey(table);
    }

    /**
     * The mode for a column change on {@code t}: on a hypertable with compression, TimescaleDB refuses VALIDATE
     * CONSTRAINT, so NOT NULL is added with a plain SET NOT NULL (one scan of every chunk, compressed ones
     * included, under an exclusive lock), and the differ says so.
     */
    static Mode alterMode(DiffContext cx, QualifiedName t, boolean addsNotNull) {
        Hypertable h = cx.from.hypertables().get(ObjectName.of(t.schema(), t.name()));
        if (addsNotNull && h != null && h.compression() != null && cx.options.mode() == Mode.ONLINE) {
            cx.note("hypertable " + t + " has compression, where TimescaleDB refuses VALIDATE CONSTRAINT: NOT NULL is"
                    + " added with a plain SET NOT NULL, which scans every chunk under an exclusive lock");
            return Mode.BLOCKING;
        }
        return cx.options.mode();
    }

    /** Compression and policies of {@code b}, given what {@code a} (null for a new hypertable) already has. */
    private static void settings(DiffContext cx, Hypertable b, Hypertable a) {
        QualifiedName t = ModelOps.qn(b.table());
        Hypertable.Compression was = a == null ? null : a.compression();
        boolean policiesChange = a != null && !(Objects.equals(a.compressionPolicy(), b.compressionPolicy())
                && Objects.equals(a.compression(), b.compression()));
        if (a != null && a.compressionPolicy() != null && policiesChange) {
            cx.add(Phase.DROP_HYPERTABLE_SETTINGS, new RemoveCompressionPolicy(t, a.compressionPolicy().after(),
                    a.compressionPolicy().scheduleInterval()));
        }
        if (a != null && a.retentionPolicy() != null && !a.retentionPolicy().equals(b.retentionPolicy())) {
            cx.add(Phase.DROP_HYPERTABLE_SETTINGS, new RemoveRetentionPolicy(t, a.retentionPolicy().after(),
                    a.retentionPolicy().scheduleInterval()));
        }
        if (a != null && a.reorderPolicy() != null && !a.reorderPolicy().equals(b.reorderPolicy())) {
            cx.add(Phase.DROP_HYPERTABLE_SETTINGS, new RemoveReorderPolicy(t, reorder(t, a.reorderPolicy())));
        }
        if (was != null && !was.equals(b.compression())) {
            SetCompression old = compression(cx, t, was);
            if (b.compression() == null && old != null) {
                cx.add(Phase.DROP_HYPERTABLE_SETTINGS, new DisableCompression(old));
            }
        }
        if (b.compression() != null && was != null && !b.compression().equals(was)) {
            // an empty list in SET leaves the old value; RESET brings TimescaleDB's default back
            reset(cx, t, "compress_segmentby", was.segmentBy(), b.compression().segmentBy());
            reset(cx, t, "compress_orderby", was.orderBy(), b.compression().orderBy());
        }
        if (b.compression() != null && !b.compression().equals(was)) {
            SetCompression set = compression(cx, t, b.compression());
            if (set != null) {
                cx.add(Phase.HYPERTABLE_SETTINGS, set);
            }
        }
        if (b.compressionPolicy() != null && (a == null || a.compressionPolicy() == null || policiesChange)) {
            cx.add(Phase.HYPERTABLE_SETTINGS, new AddCompressionPolicy(t, b.compressionPolicy().after(),
                    b.compressionPolicy().scheduleInterval()));
        }
        if (b.retentionPolicy() != null && (a == null || !b.retentionPolicy().equals(a.retentionPolicy()))) {
            cx.add(Phase.HYPERTABLE_SETTINGS, new AddRetentionPolicy(t, b.retentionPolicy().after(),
                    b.retentionPolicy().scheduleInterval()));
        }
        if (b.reorderPolicy() != null && (a == null || !b.reorderPolicy().equals(a.reorderPolicy()))) {
            cx.add(Phase.HYPERTABLE_SETTINGS, reorder(t, b.reorderPolicy()));
        }
    }

    private static void reset(DiffContext cx, QualifiedName t, String option, List<String> was, List<String> now) {
        if (!was.isEmpty() && now.isEmpty()) {
            cx.add(Phase.HYPERTABLE_SETTINGS, new RawSql("ALTER TABLE " + t.sql() + " RESET (timescaledb." + option + ")",
                    "ALTER TABLE " + t.sql() + " SET (timescaledb." + option + " = "
                            + SqlText.literal(String.join(", ", was)) + ")", Tx.IN_TRANSACTION));
        }
    }

    private static AddReorderPolicy reorder(QualifiedName t, Hypertable.ReorderPolicy p) {
        return new AddReorderPolicy(t, p.index(), p.scheduleInterval());
    }

    /** The op for the settings, or null (with an unsupported line) when an order-by element is not a plain column. */
    private static SetCompression compression(DiffContext cx, QualifiedName t, Hypertable.Compression c) {
        List<OrderColumn> order = new ArrayList<>();
        for (String element : c.orderBy()) {
            boolean desc = element.endsWith(" DESC");
            String column = Sql.unquote(desc ? element.substring(0, element.length() - 5) : element);
            if (column == null) {
                cx.unsupported("hypertable " + t + ": compression order-by element '" + element + "' (NULLS FIRST/LAST"
                        + " against the default) is not expressed; set it with ALTER TABLE ... SET"
                        + " (timescaledb.compress_orderby = ...) in the revision");
                return null;
            }
            order.add(new OrderColumn(column, desc));
        }
        return SetCompression.of(t, c.segmentBy(), order);
    }

    /**
     * A column whose type changes on a hypertable with compression: TimescaleDB refuses ALTER COLUMN TYPE while
     * any chunk is compressed, so every chunk is decompressed first (needs the room the rows take uncompressed);
     * the compression policy compresses them again on its next runs.
     */
    private static void decompressForTypeChanges(DiffContext cx, Hypertable a, QualifiedName t) {
        Table from = cx.from.tables().get(a.table());
        Table to = cx.to.tables().get(a.table());
        if (a.compression() == null || from == null || to == null) {
            return;
        }
        List<String> changed = new ArrayList<>();
        for (Column c : from.columns()) {
            to.column(c.name()).filter(n -> !n.type().equals(c.type())).ifPresent(n -> changed.add(c.name()));
        }
        if (changed.isEmpty()) {
            return;
        }
        String decompress = "SELECT decompress_chunk(c, if_compressed => TRUE) FROM show_chunks(" + SqlText.literal(t.sql())
                + ") c";
        String compress = "SELECT compress_chunk(c, if_not_compressed => TRUE) FROM show_chunks(" + SqlText.literal(t.sql())
                + ") c";
        cx.note("hypertable " + t + ": the type of " + changed + " changes, which TimescaleDB refuses on compressed"
                + " chunks; every chunk is decompressed first (it needs the room the rows take uncompressed) and"
                + (a.compressionPolicy() == null ? " must be compressed again by hand (compress_chunk)"
                : " the compression policy compresses them again"));
        cx.add(Phase.DROP_HYPERTABLE_SETTINGS, new RawSql(decompress, compress, Tx.IN_TRANSACTION));
    }
}
