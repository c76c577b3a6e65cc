package dev.strata.diagram;

import dev.strata.model.ObjectName;

import java.util.ArrayList;
import java.util.List;

/**
 * Mermaid {@code erDiagram} text: one entity block per table ({@code type name PK|FK|UK}, plus a
 * {@code "not null"} comment), then one relationship line per foreign key, parent on the left:
 * {@code ||} when every row must have a parent (NOT NULL columns), {@code |o} otherwise, and
 * {@code o{} on the referencing side. Tables of the {@code public} schema are named as they are; others
 * as {@code schema__table}. Characters Mermaid does not accept in names and types become {@code _}.
 */
public final class MermaidRenderer {
    private MermaidRenderer() {
    }

    public static String render(ErDiagram d) {
        StringBuilder b = new StringBuilder("erDiagram\n");
        for (ErDiagram.Entity e : d.entities()) {
            b.append("    ").append(id(e.name())).append(" {\n");
            for (ErDiagram.Attribute a : e.attributes()) {
                b.append("        ").append(type(a.type())).append(' ').append(word(a.name()));
                List<String> keys = new ArrayList<>();
                if (a.primaryKey()) {
                    keys.add("PK");
                }
                if (a.foreignKey()) {
                    keys.add("FK");
                }
                if (a.unique() && !a.primaryKey()) {
                    keys.add("UK");
                }
                if (!keys.isEmpty()) {
                    b.append(' ').append(String.join(", ", keys));
                }
                if (a.notNull() && !a.primaryKey()) {
                    b.append(" \"not null\"");
                }
                b.append('\n');
            }
            b.append("    }\n");
        }
        for (ErDiagram.Relation r : d.relations()) {
            b.append("    ").append(id(r.to())).append(r.mandatory() ? " ||--o{ " : " |o--o{ ").append(id(r.from()))
                    .append(" : \"").append(String.join(", ", r.columns()).replace("\"", "'")).append("\"\n");
        }
        return b.toString();
    }

    /** The entity name Mermaid shows for a table. */
    static String id(ObjectName n) {
        return word(n.schema().equals("public") ? n.name() : n.schema() + "__" + n.name());
    }

    private static String word(String s) {
        String w = s.replaceAll("[^A-Za-z0-9_-]", "_");
        return Character.isLetter(w.charAt(0)) || w.charAt(0) == '_' ? w : "_" + w;
    }

    private static String type(String t) {
        String w = t.replace(' ', '_').replaceAll("[^A-Za-z0-9_()\\[\\]-]", "_");
        return Character.isLetter(w.charAt(0)) || w.charAt(0) == '_' ? w : "_" + w;
    }
}
