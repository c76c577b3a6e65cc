package dev.strata.engine.schema;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code OLD=NEW} rename hints and the error when rename candidates stay unconfirmed. */
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

    /** The one-line error when candidates remain and nobody confirmed them. */
    public static StrataException unconfirmed(List<SchemaDiff.RenameCandidate> candidates) {
        StringBuilder list = new StringBuilder();
        for (SchemaDiff.RenameCandidate c : candidates) {
            list.append(list.length() == 0 ? "" : ", ").append(c.from()).append(" -> ").append(c.to());
        }
        return new StrataException(ErrorCode.RENAME_UNCONFIRMED, candidates.size() + " possible rename(s) found and"
                + " none confirmed (" + list + "): confirm them as renames, or accept drop and add; nothing was written");
    }
}
