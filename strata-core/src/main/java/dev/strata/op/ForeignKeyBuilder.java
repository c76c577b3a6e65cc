package dev.strata.op;

import java.util.List;

/** Options of a foreign key: {@code fk -> fk.onDelete("CASCADE").deferrable()}. */
public final class ForeignKeyBuilder {
    private ForeignKeyConstraint.Action onDelete;
    private ForeignKeyConstraint.Action onUpdate;
    private boolean deferrable;
    private boolean initiallyDeferred;
    private Mode mode = Mode.ONLINE;

    ForeignKeyBuilder() {
    }

    /** {@code ON DELETE} NO ACTION, RESTRICT, CASCADE, SET NULL or SET DEFAULT. */
    public ForeignKeyBuilder onDelete(String action) {
        onDelete = ForeignKeyConstraint.Action.parse(action);
        return this;
    }

    /** {@code ON UPDATE} NO ACTION, RESTRICT, CASCADE, SET NULL or SET DEFAULT. */
    public ForeignKeyBuilder onUpdate(String action) {
        onUpdate = ForeignKeyConstraint.Action.parse(action);
        return this;
    }

    public ForeignKeyBuilder deferrable() {
        deferrable = true;
        return this;
    }

    /** {@code DEFERRABLE INITIALLY DEFERRED}. */
    public ForeignKeyBuilder initiallyDeferred() {
        deferrable = true;
        initiallyDeferred = true;
        return this;
    }

    /** One plain {@code ADD CONSTRAINT} that scans under SHARE ROW EXCLUSIVE on both tables. */
    public ForeignKeyBuilder blocking() {
        mode = Mode.BLOCKING;
        return this;
    }

    ForeignKeyConstraint build(String name, List<String> columns, QualifiedName refTable, List<String> refColumns) {
        return new ForeignKeyConstraint(name, columns, refTable, refColumns, onDelete, onUpdate, deferrable,
                initiallyDeferred);
    }

    Mode mode() {
        return mode;
    }
}
