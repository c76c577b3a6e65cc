package dev.strata.diff;

import dev.strata.model.ObjectName;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds which known objects a definition mentions. The inspector reads definitions with an empty search path,
 * so PostgreSQL prints every relation schema-qualified; a single scan for {@code schema.name} tokens, looked up
 * in a map, finds them in time linear in the text.
 */
final class References {
    private static final String PART = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final Pattern QUALIFIED = Pattern.compile("(?<![A-Za-z0-9_$\".])(" + PART + "\\." + PART + ")");

    private final Map<String, ObjectName> byPrinted = new HashMap<>();

    References(Collection<ObjectName> names) {
        names.forEach(n -> byPrinted.put(n.quoted(), n));
    }

    Set<ObjectName> in(String definition) {
        Set<ObjectName> out = new TreeSet<>();
        Matcher m = QUALIFIED.matcher(definition);
        while (m.find()) {
            ObjectName n = byPrinted.get(m.group(1));
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }
}
