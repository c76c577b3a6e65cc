package dev.strata.op.ext;

import dev.strata.op.ExtensionOp;
import dev.strata.plan.Statement;

import java.util.List;

/** SQL for the extension ops (TimescaleDB, pgvector, PostGIS, ltree, materialized views). */
public final class ExtensionRenderer {
    private ExtensionRenderer() {
    }

    public static List<Statement> render(ExtensionOp op) {
        throw new IllegalStateException("no rendering for " + op.getClass().getName());
    }
}
