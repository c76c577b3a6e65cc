package dev.strata.cli.schema;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.io.Console;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code --rename OLD=NEW} options, and asking about rename candidates on a terminal. */
public final class Renames {
    private Renames() {
    }

    /** Parses {@code old=new} pairs. */
    public static Map<String, String> parse(List<String> options) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String o : options) {
            int eq = o.indexOf('=');
            if (eq <= 0 || eq == o.length() - 1) {
                throw new StrataException(ErrorCode.USAGE, "--rename " + o + " is not OLD=NEW; write e.g. --rename users.fullname=users.full_name");
            }
            out.put(o.substring(0, eq).strip(), o.substring(eq + 1).strip());
        }
        return out;
    }

    /** The map with keys and values swapped: the hints for the opposite direction. */
    public static Map<String, String> inverted(Map<String, String> renames) {
        Map<String, String> out = new LinkedHashMap<>();
        renames.forEach((k, v) -> out.put(v, k));
        return out;
    }

    /**
     * Asks about each candidate on the terminal; returns the confirmed ones ({@code old -> new}). A
     * candidate answered "no" is taken as drop and add.
     */
    public static Map<String, String> ask(Console terminal, List<SchemaDiff.RenameCandidate> candidates) {
        Map<String, String> confirmed = new LinkedHashMap<>();
        for (SchemaDiff.RenameCandidate c : candidates) {
            if (confirmed.containsKey(c.from()) || confirmed.containsValue(c.to())) {
                continue;
            }
            String answer = terminal.readLine("Is %s %s renamed to %s? [y/N] ", c.kind(), c.from(), c.to());
            if (answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
                confirmed.put(c.from(), c.to());
            }
        }
        return confirmed;
    }

    /** The one-line error when candidates remain and nobody can be asked. */
    public static StrataException unconfirmed(List<SchemaDiff.RenameCandidate> candidates) {
        StringBuilder flags = new StringBuilder();
        for (SchemaDiff.RenameCandidate c : candidates) {
            flags.append(" --rename ").append(c.from()).append('=').append(c.to());
        }
        return new StrataException(ErrorCode.RENAME_UNCONFIRMED, candidates.size() + " possible rename(s) found and"
                + " no terminal to ask: pass" + flags + " to write renames, or --no-rename to accept drop and add;"
                + " nothing was written");
    }
}
