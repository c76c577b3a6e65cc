package dev.strata.engine.config;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.util.Map;

/**
 * Expands {@code ${NAME}} references in configuration values from an environment-variable map.
 * {@code $${} stands for a literal {@code ${}; any other {@code $} is kept as it is. A variable that is
 * not set is an error, never an empty string, so a missing secret cannot silently select another
 * database. Names are letters, digits and {@code _}, not starting with a digit.
 */
final class Placeholders {
    private Placeholders() {
    }

    /**
     * @param where the value's location for messages, e.g. {@code "strata.toml: [databases.replica] url"}
     * @param fix   what to do instead of exporting the variable, e.g. {@code "pass --url"}
     */
    static String expand(String raw, Map<String, String> env, String where, String fix) {
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            if (raw.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (raw.startsWith("${", i)) {
                int close = raw.indexOf('}', i + 2);
                if (close < 0) {
                    throw new StrataException(ErrorCode.CONFIG_INVALID, where
                            + " has a ${ without a closing }; write ${NAME}, or $${ for a literal ${");
                }
                String name = raw.substring(i + 2, close);
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new StrataException(ErrorCode.CONFIG_INVALID, where + " references ${" + name
                            + "}, which is not a variable name (letters, digits and _); write $${ for a literal ${");
                }
                String value = env.get(name);
                if (value == null) {
                    throw new StrataException(ErrorCode.CONFIG_INVALID, where + " references ${" + name
                            + "}, which is not set; export " + name + " or " + fix);
                }
                out.append(value);
                i = close + 1;
            } else {
                out.append(raw.charAt(i));
                i++;
            }
        }
        return out.toString();
    }

    /** Whether {@code raw} has a reference to expand (not counting escaped ones). */
    static boolean hasReference(String raw) {
        return raw.replace("$${", "").contains("${");
    }
}
