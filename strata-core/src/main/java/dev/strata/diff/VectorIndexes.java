package dev.strata.diff;

import dev.strata.model.Index;
import dev.strata.model.IndexKey;
import dev.strata.op.Mode;
import dev.strata.op.ext.CreateVectorIndex;
import dev.strata.op.ext.DropVectorIndex;
import dev.strata.op.ext.VectorIndexMethod;
import dev.strata.op.ext.VectorOpclass;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pgvector indexes (HNSW, IVFFlat) as typed {@link CreateVectorIndex} ops, so they get pgvector's build
 * rules: on a table created in the same revision a plain build inside the transaction, else CONCURRENTLY.
 * Only an index the op states whole qualifies (one plain column, a known operator class, no predicate,
 * INCLUDE or tablespace, parameters among {@code lists}, {@code m}, {@code ef_construction}); any other is
 * left to the catalog-definition path of {@link IndexDiffer}.
 */
final class VectorIndexes {
    private static final Pattern WITH = Pattern.compile("\\) WITH \\(([^)]*)\\)$");

    private VectorIndexes() {
    }

    /** The typed op, or null when the index is not one this class states whole. */
    static CreateVectorIndex create(Index i, Mode mode) {
        VectorIndexMethod method = switch (i.method()) {
            case "hnsw" -> VectorIndexMethod.HNSW;
            case "ivfflat" -> VectorIndexMethod.IVFFLAT;
            default -> null;
        };
        if (method == null || i.unique() || i.keys().size() != 1 || !i.include().isEmpty() || i.predicate() != null
                || i.definition().contains(" TABLESPACE ")) {
            return null;
        }
        IndexKey k = i.keys().get(0);
        String column = Sql.unquote(k.expression());
        if (column == null || k.opclass() == null || k.collation() != null || k.descending()
                || !k.opclassParams().isEmpty()) {
            return null;
        }
        // with an empty search path the catalog qualifies the operator class; the op writes it bare, which
        // resolves through the default search path when pgvector lives in public
        String name = k.opclass().startsWith("public.") ? k.opclass().substring("public.".length()) : k.opclass();
        VectorOpclass opclass = null;
        for (VectorOpclass o : VectorOpclass.values()) {
            if (o.sql().equals(name)) {
                opclass = o;
            }
        }
        if (opclass == null) {
            return null;
        }
        Integer lists = null;
        Integer m = null;
        Integer ef = null;
        Matcher w = WITH.matcher(i.definition());
        if (w.find()) {
            for (String p : w.group(1).split(",")) {
                String[] kv = p.strip().split("=", 2);
                if (kv.length != 2) {
                    return null;
                }
                String value = kv[1].strip().replace("'", "");
                if (!value.matches("[0-9]{1,6}")) {
                    return null;
                }
                int n = Integer.parseInt(value);
                switch (kv[0].strip()) {
                    case "lists" -> lists = n;
                    case "m" -> m = n;
                    case "ef_construction" -> ef = n;
                    default -> {
                        return null;
                    }
                }
            }
        }
        try {
            return new CreateVectorIndex(i.name().name(), ModelOps.qn(i.table()), column, method, opclass, lists, m, ef,
                    mode, false, false);
        } catch (RuntimeException outOfRange) {
            return null;
        }
    }

    /** The typed drop, or null as for {@link #create}; on a hypertable the drop is plain (see DropVectorIndex). */
    static DropVectorIndex drop(Index i, Mode mode, boolean hypertable) {
        CreateVectorIndex c = create(i, mode);
        return c == null ? null : new DropVectorIndex(c.qualifiedName(), c.withHypertable(hypertable), mode);
    }
}
