package dev.strata.script;

import dev.strata.graph.RevisionId;

import java.util.List;

/**
 * The normalized text a SQL revision's checksum is taken over. {@link ScriptParser}'s Javadoc is the
 * user-facing description of what it covers; keep the two in step, and change {@link #VERSION} whenever
 * the form changes (every stored checksum changes with it).
 */
final class ChecksumForm {
    static final String VERSION = "strata-checksum 1";

    private ChecksumForm() {
    }

    /**
     * @param upgrade   the upgrade section's text (LF line endings, BOM removed)
     * @param downgrade the downgrade section's text, or null when the revision is irreversible
     */
    static String of(ScriptHeader header, String upgrade, String downgrade) {
        return of(header, upgrade, downgrade, null);
    }

    /**
     * As above, with the verify section's text, or null when the file has none: then the form is exactly the one
     * of a file written before verify sections existed, so its checksum does not change.
     */
    static String of(ScriptHeader header, String upgrade, String downgrade, String verify) {
        StringBuilder out = new StringBuilder(128 + upgrade.length() + (downgrade == null ? 0 : downgrade.length())
                + (verify == null ? 0 : verify.length()));
        out.append(VERSION).append('\n');
        out.append("revision ").append(header.id()).append('\n');
        out.append("parents ").append(sorted(header.parents())).append('\n');
        out.append("depends-on ").append(sorted(header.dependsOn())).append('\n');
        out.append("transactional ").append(header.transactional()).append('\n');
        out.append("-- upgrade\n");
        section(upgrade, out);
        if (downgrade == null) {
            out.append("-- irreversible\n");
        } else {
            out.append("-- downgrade\n");
            section(downgrade, out);
        }
        if (verify != null) {
            out.append("-- verify\n");
            section(verify, out);
        }
        return out.toString();
    }

    private static String sorted(List<RevisionId> ids) {
        if (ids.isEmpty()) {
            return "";
        }
        if (ids.size() == 1) {
            return ids.get(0).value();
        }
        String[] values = new String[ids.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ids.get(i).value();
        }
        java.util.Arrays.sort(values);
        return String.join(" ", values);
    }

    /** Each line without trailing whitespace, blank lines at the start and end dropped, each line ended by LF. */
    static String section(String text) {
        StringBuilder out = new StringBuilder(text.length() + 1);
        section(text, out);
        return out.toString();
    }

    /** As {@link #section(String)}, appended to {@code out}: one pass over the text, no line copied twice. */
    private static void section(String text, StringBuilder out) {
        int n = text.length();
        int blanks = -1; // blank lines held back until a line with text follows; -1 before the first such line
        for (int start = 0; start <= n; ) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            int stop = end;
            while (stop > start && Character.isWhitespace(text.charAt(stop - 1))) {
                stop--;
            }
            if (stop == start) {
                if (blanks >= 0) {
                    blanks++;
                }
            } else {
                for (; blanks > 0; blanks--) {
                    out.append('\n');
                }
                blanks = 0;
                out.append(text, start, stop).append('\n');
            }
            start = end + 1;
        }
    }
}
