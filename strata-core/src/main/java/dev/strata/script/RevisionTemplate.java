package dev.strata.script;

import dev.strata.graph.RevisionId;

import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The text and file name of a new SQL revision file, and new timestamped ids.
 *
 * <p>What {@link #render} writes parses back ({@link ScriptParser}) to the same id, parents, message,
 * branch labels, depends-on and transactional flag. An untouched template loads (so the other commands
 * keep working while the author writes it), but {@code upgrade} refuses to apply a revision that is not a
 * merge and has no upgrade statements, so that an empty revision is never applied by mistake and then
 * frozen by its checksum. {@link #renderMerge} output applies as it is: a merge only joins branches.
 */
public final class RevisionTemplate {
    /** The comment left in an upgrade section for the author to replace. */
    public static final String UPGRADE_PLACEHOLDER = "-- Write the SQL that applies this revision here.";
    private static final String DOWNGRADE_PLACEHOLDER = "-- Write the SQL that undoes the upgrade here (leave it "
            + "empty if there is nothing to undo),\n-- or remove this section and add "
            + "'-- strata:irreversible REASON' to the header.";
    private static final DateTimeFormatter ID_FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int SLUG_MAX = 40;

    private RevisionTemplate() {
    }

    public static String render(RevisionId id, List<RevisionId> parents, String message, List<String> branchLabels,
                                List<RevisionId> dependsOn, boolean transactional) {
        StringBuilder out = header(id, parents, message);
        if (!branchLabels.isEmpty()) {
            out.append("-- strata:branch-labels ").append(String.join(" ", branchLabels)).append('\n');
        }
        if (!dependsOn.isEmpty()) {
            out.append("-- strata:depends-on ").append(join(dependsOn)).append('\n');
        }
        if (!transactional) {
            out.append("-- strata:transactional false\n");
        }
        out.append("\n-- strata:upgrade\n").append(UPGRADE_PLACEHOLDER).append('\n');
        out.append("\n-- strata:downgrade\n").append(DOWNGRADE_PLACEHOLDER).append('\n');
        return out.toString();
    }

    /** A merge revision: two or more parents, and sections with nothing to run. */
    public static String renderMerge(RevisionId id, List<RevisionId> parents, String message) {
        if (parents.size() < 2) {
            throw new IllegalArgumentException("a merge revision has two or more parents, got " + parents);
        }
        StringBuilder out = header(id, parents, message);
        out.append("\n-- strata:upgrade\n-- A merge joins branches; it usually has nothing to run.\n");
        out.append("\n-- strata:downgrade\n");
        return out.toString();
    }

    private static StringBuilder header(RevisionId id, List<RevisionId> parents, String message) {
        Objects.requireNonNull(id, "id");
        StringBuilder out = new StringBuilder();
        out.append("-- strata:revision ").append(id).append('\n');
        out.append("-- strata:parents ").append(parents.isEmpty() ? "base" : join(parents)).append('\n');
        String oneLine = message == null ? "" : message.replaceAll("\\s+", " ").strip();
        if (!oneLine.isEmpty()) {
            out.append("-- strata:message ").append(oneLine).append('\n');
        }
        return out;
    }

    /**
     * {@code {id}_{slug}.sql}, or {@code {id}.sql} when the message gives no slug. Words the id already ends with
     * are not repeated: id {@code 001_baseline} with message "Baseline current schema" gives
     * {@code 001_baseline_current_schema.sql}.
     */
    public static String fileName(RevisionId id, String message) {
        String slug = slug(message);
        String idText = id.value().toLowerCase(Locale.ROOT);
        String[] words = slug.split("_");
        for (int n = words.length; n > 0; n--) {
            String lead = String.join("_", java.util.Arrays.copyOf(words, n));
            if (idText.equals(lead) || idText.endsWith("_" + lead)) {
                slug = String.join("_", java.util.Arrays.copyOfRange(words, n, words.length));
                break;
            }
        }
        return slug.isEmpty() ? id + ".sql" : id + "_" + slug + ".sql";
    }

    /**
     * Lower-case ASCII words of the message joined by {@code _}, accents dropped, at most 40 characters of
     * whole words (a single word longer than that is the only one cut).
     */
    static String slug(String message) {
        if (message == null) {
            return "";
        }
        String ascii = Normalizer.normalize(message, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (slug.length() > SLUG_MAX) {
            int cut = slug.charAt(SLUG_MAX) == '_' ? SLUG_MAX : slug.lastIndexOf('_', SLUG_MAX);
            slug = slug.substring(0, cut > 0 ? cut : SLUG_MAX).replaceAll("_+$", "");
        }
        return slug;
    }

    /** A sortable id from the time: {@code yyyyMMdd_HHmmss} in UTC. */
    public static RevisionId newId(Instant now) {
        return RevisionId.of(ID_FORMAT.format(now));
    }

    /** As {@link #newId(Instant)}, with {@code _2}, {@code _3}, ... appended while the id is taken. */
    public static RevisionId newId(Instant now, Set<RevisionId> taken) {
        RevisionId base = newId(now);
        RevisionId id = base;
        for (int n = 2; taken.contains(id); n++) {
            id = RevisionId.of(base.value() + "_" + n);
        }
        return id;
    }

    private static String join(List<RevisionId> ids) {
        return ids.stream().map(RevisionId::value).collect(Collectors.joining(" "));
    }
}
