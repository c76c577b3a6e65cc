package dev.strata.op;

import dev.strata.op.ext.ExtensionRenderer;
import dev.strata.plan.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * The one place that turns ops into SQL. Output is deterministic: same ops, byte-identical statements.
 */
public final class Renderer {
    private Renderer() {
    }

    public static List<Statement> render(List<Op> ops) {
        List<Statement> out = new ArrayList<>();
        for (Op op : ops) {
            out.addAll(render(op));
        }
        return out;
    }

    public static List<Statement> render(Op op) {
        if (op instanceof RawSql raw) {
            return List.of(new Statement(raw.up(), raw.tx(), java.util.Set.of(), raw.describe(), null));
        }
        if (op instanceof ExtensionOp ext) {
            return ExtensionRenderer.render(ext);
        }
        throw new IllegalStateException("no rendering for " + op.getClass().getName());
    }
}
