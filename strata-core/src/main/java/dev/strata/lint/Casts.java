package dev.strata.lint;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Type changes PostgreSQL makes without rewriting the table (postgres-safety row 11). */
final class Casts {
    private static final Pattern TYPE = Pattern.compile("([a-z ]+?)\\s*(?:\\((\\d+)\\s*(?:,\\s*(\\d+))?\\))?");

    private Casts() {
    }

    static boolean binaryCompatible(String from, String to) {
        Parsed f = parse(from);
        Parsed t = parse(to);
        if (f == null || t == null) {
            return false;
        }
        if (f.base.equals("varchar") && t.base.equals("text")) {
            return true;
        }
        if ((f.base.equals("varchar") || f.base.equals("text")) && t.base.equals("varchar") && t.n == null) {
            return true;
        }
        if (f.base.equals("varchar") && t.base.equals("varchar")) {
            return f.n != null && t.n >= f.n;
        }
        if (f.base.equals("numeric") && t.base.equals("numeric")) {
            return t.n == null || (f.n != null && t.n >= f.n && java.util.Objects.equals(t.s, f.s));
        }
        if (f.base.equals("cidr") && t.base.equals("inet")) {
            return true;
        }
        return f.base.equals(t.base) && t.n == null && f.n != null
                && (f.base.equals("varbit") || f.base.equals("timestamp") || f.base.equals("timestamptz"));
    }

    private record Parsed(String base, Integer n, Integer s) {
    }

    private static Parsed parse(String type) {
        Matcher m = TYPE.matcher(type.strip());
        if (!m.matches()) {
            return null;
        }
        String base = switch (m.group(1).strip()) {
            case "character varying" -> "varchar";
            case "decimal" -> "numeric";
            case "bit varying" -> "varbit";
            case "timestamp with time zone" -> "timestamptz";
            case "timestamp without time zone" -> "timestamp";
            default -> m.group(1).strip();
        };
        return new Parsed(base, m.group(2) == null ? null : Integer.valueOf(m.group(2)),
                m.group(3) == null ? null : Integer.valueOf(m.group(3)));
    }
}
