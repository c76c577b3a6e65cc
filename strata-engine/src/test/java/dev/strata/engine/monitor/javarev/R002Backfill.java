package dev.strata.engine.monitor.javarev;

import dev.strata.java.JavaMigration;
import dev.strata.java.StrataRevision;
import dev.strata.op.Operations;

import java.util.List;
import java.util.Map;

/** A Java revision with a batched backfill and a verify hook, for {@code OperationsTest}. */
@StrataRevision(id = "b002", parents = "b001", message = "backfill v2")
public class R002Backfill implements JavaMigration {
    @Override
    public void upgrade(Operations op) {
        op.addColumn("acc", "v2", "int");
        op.backfill("acc", Map.of("v2", "v * 2"), "v2 IS NULL", "id");
    }

    @Override
    public List<String> verify() {
        return List.of("SELECT count(*) = 0 FROM acc WHERE v2 IS NULL");
    }
}
