package dev.strata.diff;

import dev.strata.model.Extension;
import dev.strata.model.Schema;
import dev.strata.op.CreateExtension;
import dev.strata.op.DropExtension;
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
        e.removed().values().forEach(x -> cx.addDestructive(Phase.DROP_EXTENSIONS, new DropExtension(x.name(), create(x))));
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

    private static CreateExtension create(Extension x) {
        return new CreateExtension(x.name(), false, x.schema(), x.version());
    }

    private static String update(Extension x) {
        return "ALTER EXTENSION " + SqlText.ident(x.name()) + " UPDATE TO " + SqlText.literal(x.version());
    }

    private static String setSchema(Extension x) {
        return "ALTER EXTENSION " + SqlText.ident(x.name()) + " SET SCHEMA " + SqlText.ident(x.schema());
    }
}
