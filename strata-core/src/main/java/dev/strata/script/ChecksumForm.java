package dev.strata.script;

import dev.strata.graph.RevisionId;

import java.util.List;
import java.util.stream.Collectors;

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
        StringBuilder out = new StringBuilder();
        out.append(VERSION).append('\n');
        out.append("revision ").append(header.id()).append('\n');
        out.append("parents ").append(sorted(header.parents())).append('\n');
        out.append("depends-on ").append(sorted(header.dependsOn())).append('\n');
        out.append("transactional ").append(header.transactional()).append('\n');
        out.append("-- upgrade\n").append(section(upgrade));
        if (downgrade == null) {
            out.append("-- irreversible\n");
        } else {
            out.append("-- downgrade\n").append(section(downgrade));
        }
        if (verify != null) {
            out.append("-- verify\n").append(section(verify));
        }
        return out.toString();
    }

    private static String sorted(List<RevisionId> ids) {
        return ids.stream().map(RevisionId::value).sorted().collect(Collectors.joining(" "));
    }

    /** Each line without trailing whitespace, blank lines at the start and end dropped, each line ended by LF. */
    static String section(String text) {
        String[] lines = text.split("\n", -1);
        int first = 0;
        int last = lines.length - 1;
        while (first <= last && lines[first].isBlank()) {
            first++;
        }
        while (last >= first && lines[last].isBlank()) {
            last--;
        }
        StringBuilder out = new StringBuilder();
        for (int i = first; i <= last; i++) {
            out.append(lines[i].stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
