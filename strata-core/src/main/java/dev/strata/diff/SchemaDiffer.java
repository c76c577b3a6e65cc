package dev.strata.diff;

import dev.strata.model.Extension;
import dev.strata.model.Schema;
import dev.strata.op.CreateExtension;
import dev.strata.op.RawSql;
import dev.strata.plan.Tx;
import dev.strata.sql.SqlText;

/**
 * Extensions and schemas: created first, dropped last (destructive: an extension's or schema's objects go
 * with it); an extension whose version differs is updated in place.
 */
final class SchemaDiffer {
    private SchemaDiffer() {
    }

    static void diff(DiffContext cx) {
        KeyedDiff<String, Extension> e = KeyedDiff.of(cx.from.extensions(), cx.to.extensions(),
                (a, b) -> a.version().equals(b.version()) && a.schema().equals(b.schema()));
        e.added().values().forEach(x -> cx.add(Phase.EXTENSIONS, create(x)));
        e.removed().values().forEach(x -> cx.addDestructive(Phase.DROP_EXTENSIONS, new RawSql(keptWhileUsed(x),
                dev.strata.op.Renderer.render(create(x)).get(0).sql(), Tx.IN_TRANSACTION)));
        e.changed().values().forEach(c -> {
            if (!c.from().schema().equals(c.to().schema())) {
                cx.add(Phase.EXTENSIONS, new RawSql(setSchema(c.to()), setSchema(c.from()), Tx.IN_TRANSACTION));
            }
            if (!c.from().version().equals(c.to().version())) {
                cx.add(Phase.EXTENSIONS, new RawSql(update(c.to()), update(c.from()), Tx.IN_TRANSACTION));
            }
        });
        KeyedDiff<String, Schema> s = KeyedDiff.of(cx.from.schemas(), cx.to.schemas(), (a, b) -> true);
        s.added().values().forEach(x -> cx.add(Phase.SCHEMAS, new RawSql("CREATE SCHEMA " + SqlText.ident(x.name()),
                "DROP SCHEMA " + SqlText.ident(x.name()), Tx.IN_TRANSACTION)));
        s.removed().values().forEach(x -> cx.addDestructive(Phase.DROP_SCHEMAS, new RawSql("DROP SCHEMA "
                + SqlText.ident(x.name()), "CREATE SCHEMA " + SqlText.ident(x.name()), Tx.IN_TRANSACTION)));
    }

    /** Idempotent: the extension may be installed already where the revision runs (PostGIS often is). */
    private static CreateExtension create(Extension x) {
        return new CreateExtension(x.name(), true, x.schema(), x.version());
    }

    /**
     * The drop of an extension the target no longer has, as the revision file states it: dropped only when no
     * object outside the extension uses one of its objects (a column of its type, an index with its operator
     * class, a function over its types), as PostgreSQL's RESTRICT decides; otherwise kept, with a NOTICE saying
     * why (a DO block catching {@code dependent_objects_still_exist}). Never CASCADE. A downgrade
     * cannot tell whether its own upgrade installed the extension or found it there ({@code IF NOT EXISTS}):
     * where it was installed before, delete this statement from the revision to keep it.
     */
    static String keptWhileUsed(Extension x) {
        String body = "\n-- drop extension " + x.name() + " only if nothing outside it uses it (never CASCADE);"
                + " if it was installed before this revision, delete this statement to keep it\n"
                + "BEGIN\n"
                + "    DROP EXTENSION IF EXISTS " + SqlText.ident(x.name()) + ";\n"
                + "EXCEPTION WHEN dependent_objects_still_exist THEN\n"
                + "    RAISE NOTICE 'extension % is kept: %', " + SqlText.literal(x.name()) + ", SQLERRM;\n"
                + "END\n";
        return "DO " + SqlText.dollarQuoted(body);
    }

    private static String update(Extension x) {
        return "ALTER EXTENSION " + SqlText.ident(x.name()) + " UPDATE TO " + SqlText.literal(x.version());
    }

    private static String setSchema(Extension x) {
        return "ALTER EXTENSION " + SqlText.ident(x.name()) + " SET SCHEMA " + SqlText.ident(x.schema());
    }
}
