package dev.strata.postgres.inspect;

import java.util.List;

/**
 * The default operator classes of a database as indexes.sql sums them up (opclass_defaults.sql): kept with a
 * {@link PgInspector.Snapshot} so that a read of some relations after a change of nothing but relations, which adds
 * no operator class, passes them instead of scanning pg_opclass again. Opaque outside this package.
 */
public final class OpclassDefaults {
    private final Long[] all;
    private final Long[] oids;
    private final Long[] inputTypes;
    private final Long[] methods;
    private final Long[] genericMethods;

    OpclassDefaults(Long[] all, Long[] oids, Long[] inputTypes, Long[] methods, Long[] genericMethods) {
        this.all = all;
        this.oids = oids;
        this.inputTypes = inputTypes;
        this.methods = methods;
        this.genericMethods = genericMethods;
    }

    /** The five arrays in the order of the query's columns (and of indexes.sql's parameters for them). */
    List<Long[]> arrays() {
        return List.of(all, oids, inputTypes, methods, genericMethods);
    }
}
