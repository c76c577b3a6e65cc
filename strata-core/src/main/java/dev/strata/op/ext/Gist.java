package dev.strata.op.ext;

import dev.strata.op.CreateIndex;
import dev.strata.op.IndexKey;
import dev.strata.op.Mode;
import dev.strata.op.QualifiedName;

import java.util.List;
import java.util.Map;

/** Core {@link CreateIndex} ops using GiST, shared by the PostGIS and ltree builders. */
final class Gist {
    private Gist() {
    }

    static CreateIndex index(String name, QualifiedName table, String column) {
        return new CreateIndex(name, table, List.of(IndexKey.column(column)), false, "gist", List.of(), null,
                Map.of(), Mode.ONLINE, false);
    }
}
