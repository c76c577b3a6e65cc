package dev.strata.op;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code CONSTRAINT name FOREIGN KEY (columns) REFERENCES table (refColumns) ...}.
 *
 * @param name              constraint name
 * @param columns           referencing columns, at least one
 * @param references        the referenced table
 * @param refColumns        referenced columns, as many as {@code columns}
 * @param onDelete          action on delete ({@link Action#NO_ACTION} is the default and is not rendered)
 * @param onUpdate          action on update (likewise)
 * @param deferrable        {@code DEFERRABLE}
 * @param initiallyDeferred {@code INITIALLY DEFERRED}; needs {@code deferrable}
 */
public record ForeignKeyConstraint(String name, List<String> columns, QualifiedName references,
                                   List<String> refColumns, Action onDelete, Action onUpdate, boolean deferrable,
                                   boolean initiallyDeferred) implements ConstraintDef {

    /** Referential actions. */
    public enum Action {
        NO_ACTION, RESTRICT, CASCADE, SET_NULL, SET_DEFAULT;

        /** Parses "CASCADE", "set null", "SET_NULL"...; rejects anything else. */
        public static Action parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT).replace(' ', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown referential action '" + text
                        + "': use NO ACTION, RESTRICT, CASCADE, SET NULL or SET DEFAULT");
            }
        }

        public String sql() {
            return name().replace('_', ' ');
        }
    }

    public ForeignKeyConstraint {
        QualifiedName.requireName(name, "constraint name");
        columns = ConstraintDef.columns(columns, "foreign key " + name);
        Objects.requireNonNull(references, "references");
        refColumns = ConstraintDef.columns(refColumns, "foreign key " + name + " referenced side");
        if (columns.size() != refColumns.size()) {
            throw new IllegalArgumentException("foreign key " + name + " has " + columns.size()
                    + " columns but references " + refColumns.size());
        }
        onDelete = onDelete == null ? Action.NO_ACTION : onDelete;
        onUpdate = onUpdate == null ? Action.NO_ACTION : onUpdate;
        if (initiallyDeferred && !deferrable) {
            throw new IllegalArgumentException("foreign key " + name + " is initially deferred but not deferrable");
        }
    }

    @Override
    public String kind() {
        return "foreign key";
    }
}
