package dev.strata.op.ext;

import dev.strata.op.CreateIndex;
import dev.strata.op.IndexKey;
import dev.strata.op.Mode;
import dev.strata.op.QualifiedName;

import java.util.List;
import java.util.Map;

/** Indexes on materialized views as core {@link CreateIndex} ops. */
public final class MaterializedViews {
    private MaterializedViews() {
    }

    /**
     * The unique index that {@code REFRESH MATERIALIZED VIEW CONCURRENTLY} needs: plain columns, no
     * predicate, built online ({@code CREATE INDEX CONCURRENTLY}, which PostgreSQL supports on materialized
     * views). The columns must identify every row of the view.
     */
    public static CreateIndex uniqueIndex(String name, QualifiedName view, List<String> columns) {
        if (columns == null || columns.isEmpty()) {
            throw Checks.invalid("unique index " + name + " on materialized view " + view
                    + " has no columns; name the columns that identify a row");
        }
        return new CreateIndex(name, view, columns.stream().map(IndexKey::column).toList(), true, "btree",
                List.of(), null, Map.of(), Mode.ONLINE, false);
    }
}
