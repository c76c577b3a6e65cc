/**
 * Strata's pure core: revision graph, revision files, SQL splitting, schema model, ops, differ, renderer
 * and run orchestration against interfaces. No JDBC, no printing. A named module so that the sealed
 * {@link dev.strata.op.ExtensionOp} may permit the records of {@code dev.strata.op.ext}; every package is
 * exported, and the jar works on the class path as well (that is how the other modules use it).
 */
module dev.strata.core {
    requires com.fasterxml.jackson.core;

    exports dev.strata.diagram;
    exports dev.strata.diff;
    exports dev.strata.error;
    exports dev.strata.graph;
    exports dev.strata.java;
    exports dev.strata.model;
    exports dev.strata.op;
    exports dev.strata.op.ext;
    exports dev.strata.plan;
    exports dev.strata.run;
    exports dev.strata.script;
    exports dev.strata.sql;
}
