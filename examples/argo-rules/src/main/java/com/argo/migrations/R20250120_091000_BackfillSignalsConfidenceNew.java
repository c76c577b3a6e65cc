package com.argo.migrations;

import dev.strata.java.JavaMigration;
import dev.strata.java.StrataRevision;
import dev.strata.op.BackfillRows;
import dev.strata.op.Operations;
import dev.strata.op.QualifiedName;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Type change of signals.confidence, step 2: copy the values into the new column in batches ("backfill in
 * batches for large datasets"). Each batch of 1,000 rows is its own transaction, walking the primary key, so
 * the application's writes never wait long on a row lock; a run that stops part way resumes where the
 * pending predicate says. The undo clears the copies again.
 */
@StrataRevision(id = "20250120_091000", parents = "20250120_090000",
        message = "Type change of signals.confidence, step 2: batched copy into confidence_new")
public class R20250120_091000_BackfillSignalsConfidenceNew implements JavaMigration {
    @Override
    public void upgrade(Operations op) {
        QualifiedName signals = QualifiedName.of("signals");
        BackfillRows undo = new BackfillRows(signals, Map.of("confidence_new", "NULL"),
                "confidence_new IS NOT NULL", List.of("id"), 1000, Duration.ZERO, null);
        op.add(new BackfillRows(signals, Map.of("confidence_new", "CAST(confidence AS double precision)"),
                "confidence_new IS NULL AND confidence IS NOT NULL", List.of("id"), 1000, Duration.ZERO, undo));
    }
}
