package dev.strata.diagram;

import dev.strata.model.Column;
import dev.strata.model.ForeignKey;
import dev.strata.model.ObjectName;
import dev.strata.model.PrimaryKey;
import dev.strata.model.SchemaModel;
import dev.strata.model.Table;
import dev.strata.model.Unique;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an ER diagram shows of a {@link SchemaModel}: its tables (partitions left out: they repeat their
 * parent) sorted by name, and its foreign keys sorted by referencing table and constraint name, each
 * pointing at a table of the diagram.
 *
 * @param entities  the tables, sorted by name
 * @param relations the foreign keys between them, sorted
 */
public record ErDiagram(List<Entity> entities, List<Relation> relations) {
    public ErDiagram {
        entities = List.copyOf(entities);
        relations = List.copyOf(relations);
        Set<ObjectName> names = new HashSet<>();
        entities.forEach(e -> names.add(e.name()));
        for (Relation r : relations) {
            if (!names.contains(r.from()) || !names.contains(r.to())) {
                throw new IllegalArgumentException("relation " + r.name() + " joins a table not in the diagram");
            }
        }
    }

    /**
     * One column as shown.
     *
     * @param name       column name
     * @param type       its type as PostgreSQL prints it
     * @param primaryKey part of the primary key
     * @param foreignKey part of a foreign key
     * @param unique     part of a unique constraint
     * @param notNull    NOT NULL
     */
    public record Attribute(String name, String type, boolean primaryKey, boolean foreignKey, boolean unique,
                            boolean notNull) {
        public Attribute {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /** A table and its columns in table order. */
    public record Entity(ObjectName name, List<Attribute> attributes) {
        public Entity {
            Objects.requireNonNull(name, "name");
            attributes = List.copyOf(attributes);
        }
    }

    /**
     * A foreign key from {@code from} (the referencing table) to {@code to}.
     *
     * @param name      the constraint name
     * @param columns   the referencing columns
     * @param mandatory every referencing column is NOT NULL (each row has a parent)
     */
    public record Relation(ObjectName from, ObjectName to, String name, List<String> columns, boolean mandatory) {
        public Relation {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(name, "name");
            columns = List.copyOf(columns);
        }
    }

    /** The diagram of every non-partition table of {@code model}. */
    public static ErDiagram of(SchemaModel model) {
        List<Entity> entities = new ArrayList<>();
        List<Relation> relations = new ArrayList<>();
        Set<ObjectName> shown = new HashSet<>();
        for (Table t : model.tables().values()) {
            if (t.partitionOf() == null) {
                shown.add(t.name());
            }
        }
        for (Table t : model.tables().values()) {
            if (!shown.contains(t.name())) {
                continue;
            }
            Set<String> pk = new HashSet<>(t.primaryKey().map(PrimaryKey::columns).orElse(List.of()));
            Set<String> fk = new HashSet<>();
            Set<String> uk = new HashSet<>();
            t.constraints().forEach(c -> {
                if (c instanceof ForeignKey f) {
                    fk.addAll(f.columns());
                } else if (c instanceof Unique u) {
                    uk.addAll(u.columns());
                }
            });
            List<Attribute> attributes = new ArrayList<>();
            for (Column c : t.columns()) {
                attributes.add(new Attribute(c.name(), c.type(), pk.contains(c.name()), fk.contains(c.name()),
                        uk.contains(c.name()), c.notNull()));
            }
            entities.add(new Entity(t.name(), attributes));
            for (var c : t.constraints()) {
                if (c instanceof ForeignKey f && shown.contains(f.referencedTable())) {
                    boolean mandatory = f.columns().stream()
                            .allMatch(col -> t.column(col).map(Column::notNull).orElse(false));
                    relations.add(new Relation(t.name(), f.referencedTable(), f.name(), f.columns(), mandatory));
                }
            }
        }
        relations.sort(Comparator.comparing(Relation::from).thenComparing(Relation::name));
        return new ErDiagram(entities, relations);
    }
}
