package dev.strata.java;

import dev.strata.graph.RevisionId;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The source of a new Java revision class: package, imports, the {@link StrataRevision} header, an
 * {@code upgrade} with an example call commented out, and a note that the downgrade is derived unless
 * written. The class compiles as it is and loads back to the same header; {@code strata upgrade} refuses it
 * until its upgrade records something (as it refuses an empty SQL revision).
 */
public final class JavaRevisionTemplate {
    private static final int SLUG_MAX = 40;

    private JavaRevisionTemplate() {
    }

    /** {@code R{id}_{Slug}}: the id with {@code .} as {@code _}, then the message's words in CamelCase. */
    public static String className(RevisionId id, String message) {
        String slug = slug(message);
        String base = "R" + id.value().replace('.', '_');
        return slug.isEmpty() ? base : base + "_" + slug;
    }

    /** The path of the source file under the sources folder, {@code /}-separated. */
    public static String relativePath(String packageName, RevisionId id, String message) {
        return packageName.replace('.', '/') + "/" + className(id, message) + ".java";
    }

    public static String render(String packageName, RevisionId id, List<RevisionId> parents, String message,
                                List<String> branchLabels, List<RevisionId> dependsOn, boolean transactional) {
        Objects.requireNonNull(packageName, "packageName");
        String oneLine = message == null ? "" : message.replaceAll("\\s+", " ").strip();
        StringBuilder header = new StringBuilder("@StrataRevision(id = ").append(literal(id.value()));
        header.append(",\n        parents = ").append(array(parents.stream().map(RevisionId::value).toList()));
        if (!oneLine.isEmpty()) {
            header.append(",\n        message = ").append(literal(oneLine));
        }
        if (!branchLabels.isEmpty()) {
            header.append(",\n        branchLabels = ").append(array(branchLabels));
        }
        if (!dependsOn.isEmpty()) {
            header.append(",\n        dependsOn = ").append(array(dependsOn.stream().map(RevisionId::value).toList()));
        }
        if (!transactional) {
            header.append(",\n        transactional = false");
        }
        header.append(")");
        return "package " + packageName + ";\n"
                + "\n"
                + "import dev.strata.java.JavaMigration;\n"
                + "import dev.strata.java.StrataRevision;\n"
                + "import dev.strata.op.Operations;\n"
                + "\n"
                + (oneLine.isEmpty() ? "" : "/** " + oneLine.replace("*/", "* /") + " */\n")
                + header + "\n"
                + "public final class " + className(id, message) + " implements JavaMigration {\n"
                + "    @Override\n"
                + "    public void upgrade(Operations op) {\n"
                + "        // Record the changes this revision applies; they run when `strata upgrade` applies it.\n"
                + "        // op.sql(\"ALTER TABLE accounts ADD COLUMN note text\", \"ALTER TABLE accounts DROP COLUMN note\");\n"
                + "    }\n"
                + "\n"
                + "    // The downgrade is derived from upgrade: the reverse of each op, last op first. To write it\n"
                + "    // yourself, override downgrade(Operations op); if nothing can undo this revision, set\n"
                + "    // irreversible = \"REASON\" in @StrataRevision.\n"
                + "}\n";
    }

    /** The message's ASCII words, each capitalized, joined; at most 40 characters (whole words when possible). */
    static String slug(String message) {
        if (message == null) {
            return "";
        }
        String ascii = Normalizer.normalize(message, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        StringBuilder out = new StringBuilder();
        for (String word : ascii.split("[^A-Za-z0-9]+")) {
            if (word.isEmpty()) {
                continue;
            }
            String w = word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
            if (out.length() + w.length() > SLUG_MAX) {
                if (out.length() == 0) {
                    out.append(w, 0, SLUG_MAX);
                }
                break;
            }
            out.append(w);
        }
        return out.toString();
    }

    private static String array(List<String> values) {
        return values.stream().map(JavaRevisionTemplate::literal).collect(Collectors.joining(", ", "{", "}"));
    }

    /** A Java string literal. */
    static String literal(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
