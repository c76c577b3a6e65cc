package dev.strata.script;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.error.Suggestion;
import dev.strata.graph.Revision;
import dev.strata.sql.SqlSplitter;
import dev.strata.sql.SqlStatement;

import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the text of one SQL revision file into a {@link SqlMigration}.
 *
 * <h2>Layout</h2>
 * A header of {@code -- strata:KEY VALUE} lines comes first (blank lines and ordinary {@code --}
 * comments may sit between them), then the line {@code -- strata:upgrade}, the upgrade SQL, the line
 * {@code -- strata:downgrade} and the downgrade SQL, and optionally the line {@code -- strata:verify} and the
 * verification statements (see {@link SqlMigration#verify()}), which come last. Keys: {@code revision} (required), {@code parents}
 * (space-separated ids; omitted or {@code base} for a root; two or more for a merge), {@code message},
 * {@code branch-labels}, {@code depends-on}, {@code transactional} ({@code true} or {@code false},
 * default {@code true}), {@code destructive REASON}, {@code irreversible REASON}. Each key may appear once.
 * Inside the upgrade section, {@code -- strata:defer-until-rows} right above an IVFFlat {@code CREATE INDEX}
 * defers that build until the table has rows ({@link DeferredIndex}); {@code -- strata:allow} lines are lint
 * suppressions. Both are comments to the SQL and count in the checksum.
 * Section markers are recognized line by line, before SQL lexing, so they must not appear at the start of
 * a line inside a string or comment of the body.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>The upgrade section must exist and hold at least one statement, except in a merge revision (two
 *       or more parents), whose sections may be empty: a merge only joins branches.</li>
 *   <li>The downgrade section must exist unless the header says {@code irreversible REASON}. An empty
 *       downgrade section means "nothing to undo" and is valid.</li>
 *   <li>{@code irreversible} with a downgrade section that holds statements is an error; with an empty
 *       (comments-only) downgrade section, or none, the revision is irreversible.</li>
 *   <li>Nothing but blank lines and comments may come before {@code -- strata:upgrade}; a header line
 *       inside a section, or any other {@code -- strata:} word there, is an error.</li>
 * </ul>
 * Every error names {@code location:line} and the fix. Statements keep the file's real line numbers.
 * Before anything else, a leading byte order mark is removed and CRLF line endings become LF, so the
 * database always receives LF line endings.
 *
 * <h2>Checksum</h2>
 * The SHA-256 of a normalized form made of: the revision id; the parent ids and the depends-on ids (each
 * set sorted, so their order in the header does not matter); the {@code transactional} value; the upgrade
 * section's text; the downgrade section's text, or the fact that the revision is irreversible; and, only when the
 * file has one, the verify section's text (so a file without a verify section keeps the checksum it had before
 * verify sections existed). Section
 * texts are taken verbatim, comments included, except that trailing whitespace on every line and blank
 * lines at the start and end of each section are ignored. Hence these edits do <em>not</em> change the
 * checksum: the {@code message}, {@code branch-labels} and {@code destructive} headers, the reason text
 * of {@code irreversible}, comments and blank lines in the header area, a byte order mark, CRLF versus LF,
 * trailing whitespace, trailing blank lines, and the file's name. Any other change to the SQL, including
 * its comments, does. (Trailing whitespace inside a multi-line string literal is thus not covered.)
 */
public final class ScriptParser {
    private static final Pattern DIRECTIVE = Pattern.compile("\\s*--\\s*strata:(\\S*)\\s*(.*?)\\s*");
    /** The checksum of {@link #scan} when none is computed (never leaves this class). */
    private static final Checksum NOT_COMPUTED = new Checksum("0".repeat(64));
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_\\-]*");

    private ScriptParser() {
    }

    /**
     * @param location the file as shown to the user (a path relative to the working directory)
     * @param text     the whole file
     * @throws StrataException with code SCRIPT_HEADER_INVALID, SCRIPT_SECTION_INVALID, SCRIPT_NO_DOWNGRADE,
     *                         REVISION_ID_INVALID or SQL_UNTERMINATED, naming {@code location:line}
     */
    public static SqlMigration parse(String location, String text) {
        return parseHeader(location, text).split();
    }

    /**
     * As {@link #parse}, but the sections are split into statements on first use ({@link SqlMigration#split()}):
     * the header, the section markers and the checksum are checked now, the SQL's lexing errors later.
     */
    public static SqlMigration parseHeader(String location, String text) {
        return scan(location, text, true);
    }

    /**
     * The body of a file whose header and checksum are known already (a revision from the {@link RevisionCache},
     * whose sections are needed to run it): the file is read as {@link #parseHeader} reads it, with the same checks,
     * but its checksum is not computed again (about a tenth of splitting a cached revision, in a JFR profile).
     */
    static SqlMigration.Body body(String location, String text) {
        return scan(location, text, false).body();
    }

    /** As {@link #parseHeader}; without {@code checksum}, the result's checksum is a placeholder: use its body only. */
    private static SqlMigration scan(String location, String text, boolean checksum) {
        // One pass over the text, line by line, without copying lines: a line can only be a directive when it
        // starts with "--" after blanks, so only those lines meet the pattern; a section's text is the span of
        // the file between its marker line and the next marker (every line in between belongs to it).
        String t = normalize(text);
        int n = t.length();
        HeaderReader headerReader = new HeaderReader(location);
        Section upgrade = null;
        Section downgrade = null;
        Section verify = null;
        Section current = null;
        int lineNo = 0;
        int lines = 0; // the number of lines as split("\n", -1) counts them
        for (int start = 0; start <= n; ) {
            int end = t.indexOf('\n', start);
            int next = end < 0 ? n + 1 : end + 1;
            if (end < 0) {
                end = n;
            }
            lineNo++;
            lines++;
            if (current != null && !mayBeDirective(t, start, end)) {
                start = next; // a line of the current section
                continue;
            }
            String line = t.substring(start, end);
            Matcher directive = DIRECTIVE.matcher(line);
            if (!directive.matches()) {
                if (current == null && !line.isBlank() && !line.strip().startsWith("--")) {
                    throw sectionError(location, lineNo, "SQL before the '-- strata:upgrade' line: only header "
                            + "lines, comments and blank lines may come first; move it below the marker");
                }
                start = next;
                continue;
            }
            String key = directive.group(1);
            String value = directive.group(2);
            if (!KEY.matcher(key).matches()) {
                throw new StrataException(ErrorCode.SCRIPT_HEADER_INVALID, location + ":" + lineNo
                        + ": malformed header line '" + line.strip() + "': expected '-- strata:KEY VALUE'");
            }
            if (key.equals(HeaderKey.VERIFY)) {
                if (!value.isEmpty()) {
                    throw sectionError(location, lineNo, "the section marker '-- strata:verify' must stand alone on"
                            + " its line: move '" + value + "' to the next line");
                }
                if (upgrade == null) {
                    throw sectionError(location, lineNo, "'-- strata:verify' before '-- strata:upgrade': the verify"
                            + " section comes after the upgrade (and downgrade) sections");
                }
                if (verify != null) {
                    throw sectionError(location, lineNo, "second '-- strata:verify' section (first at line "
                            + verify.markerLine + "): a file has one verify section");
                }
                end(current, t, start);
                verify = new Section(lineNo, next);
                current = verify;
            } else if (key.equals(HeaderKey.UPGRADE) || key.equals(HeaderKey.DOWNGRADE)) {
                if (!value.isEmpty()) {
                    throw sectionError(location, lineNo, "the section marker '-- strata:" + key
                            + "' must stand alone on its line: move '" + value + "' to the next line");
                }
                if (key.equals(HeaderKey.UPGRADE)) {
                    if (upgrade != null) {
                        throw sectionError(location, lineNo, "second '-- strata:upgrade' section (first at line "
                                + upgrade.markerLine + "): a file has one upgrade section");
                    }
                    upgrade = new Section(lineNo, next);
                    current = upgrade;
                } else {
                    if (upgrade == null) {
                        throw sectionError(location, lineNo, "'-- strata:downgrade' before '-- strata:upgrade': "
                                + "put the upgrade section first");
                    }
                    if (downgrade != null) {
                        throw sectionError(location, lineNo, "second '-- strata:downgrade' section (first at "
                                + "line " + downgrade.markerLine + "): a file has one downgrade section");
                    }
                    if (verify != null) {
                        throw sectionError(location, lineNo, "'-- strata:downgrade' after '-- strata:verify' (line "
                                + verify.markerLine + "): put the verify section last");
                    }
                    end(current, t, start);
                    downgrade = new Section(lineNo, next);
                    current = downgrade;
                }
            } else if (current == null && key.equals(DeferredIndex.DIRECTIVE)) {
                throw sectionError(location, lineNo, "'-- strata:" + key + "' is no header key: put it in the upgrade"
                        + " section, right above the IVFFlat CREATE INDEX it defers");
            } else if (current == null) {
                headerReader.accept(key, value, lineNo);
            } else if (key.equals("allow")) {
                // a lint suppression (dev.strata.lint): a comment to the SQL, part of the section
            } else if (key.equals(DeferredIndex.DIRECTIVE)) {
                if (current != upgrade) {
                    throw sectionError(location, lineNo, "'-- strata:" + key + "' in the downgrade section: it defers"
                            + " an index build of the upgrade; move it there, above the CREATE INDEX it applies to");
                }
                if (!value.isEmpty()) {
                    throw sectionError(location, lineNo, "'-- strata:" + key + "' takes no value (the build waits for"
                            + " lists x " + dev.strata.op.ext.CreateVectorIndex.MIN_ROWS_PER_LIST + " rows): remove '"
                            + value + "'");
                }
                current.deferLines.add(lineNo); // a comment to the SQL, covered by the checksum
            } else if (HeaderKey.of(key).isPresent()) {
                throw sectionError(location, lineNo, "header line '-- strata:" + key + "' inside a section: "
                        + "move it to the header at the top of the file");
            } else {
                String hint = Suggestion.closest(key, List.of(HeaderKey.UPGRADE, HeaderKey.DOWNGRADE, HeaderKey.VERIFY))
                        .map(sg -> "did you mean '-- strata:" + sg + "'?")
                        .orElse("the sections are '-- strata:upgrade', '-- strata:downgrade' and '-- strata:verify'");
                throw sectionError(location, lineNo, "unknown section marker '-- strata:" + key + "': " + hint);
            }
            start = next;
        }
        end(current, t, n + 1);
        int lastLine = lines > 1 && t.endsWith("\n") ? lines - 1 : lines;
        return build(location, headerReader.finish(), upgrade, downgrade, verify, Math.max(1, lastLine), checksum);
    }

    /**
     * Whether the line {@code t[start, end)} may be a {@code -- strata:} directive: after the blanks the pattern
     * allows ({@code \s}), it starts with {@code --}. Lines that may not are never met against the pattern.
     */
    private static boolean mayBeDirective(String t, int start, int end) {
        int i = start;
        while (i < end) {
            char c = t.charAt(i);
            if (c != ' ' && c != '\t' && c != '\u000B' && c != '\f' && c != '\r') {
                break;
            }
            i++;
        }
        return i + 1 < end && t.charAt(i) == '-' && t.charAt(i + 1) == '-';
    }

    /** Ends {@code section} (if any) before the line starting at {@code nextLineStart}: its text is the span. */
    private static void end(Section section, String t, int nextLineStart) {
        if (section != null) {
            int to = nextLineStart - 1; // the line break before the next line (or the end of the text)
            section.text = to > section.textStart ? t.substring(section.textStart, Math.min(to, t.length())) : "";
        }
    }

    private static SqlMigration build(String location, ScriptHeader header, Section upgrade, Section downgrade,
                                      Section verify, int lastLine, boolean withChecksum) {
        if (upgrade == null) {
            throw sectionError(location, lastLine, "no '-- strata:upgrade' section: add the line "
                    + "'-- strata:upgrade' after the header, followed by the SQL to apply");
        }
        if (downgrade == null && header.irreversible() == null) {
            throw new StrataException(ErrorCode.SCRIPT_NO_DOWNGRADE, location + ":" + lastLine
                    + ": no '-- strata:downgrade' section: add one with the SQL that undoes the upgrade (empty "
                    + "if there is nothing to undo), or declare '-- strata:irreversible REASON' in the header");
        }
        String downText = downgrade == null ? null : downgrade.text();
        Revision revision = new Revision(header.id(), header.parents(), header.dependsOn(),
                new HashSet<>(header.branchLabels()), header.message(), location);
        String verifyText = verify == null ? null : verify.text();
        Checksum checksum = withChecksum ? Checksum.sha256(ChecksumForm.of(header, upgrade.text(),
                header.irreversible() == null ? downText : null, verifyText)) : NOT_COMPUTED;
        SqlMigration.Body body = new SqlMigration.Body(location, upgrade.text(), upgrade.markerLine + 1,
                upgrade.deferLines, downText, downgrade == null ? 0 : downgrade.markerLine + 1,
                header.irreversible() == null ? null : header.irreversibleLine(), verifyText,
                verify == null ? 0 : verify.markerLine + 1);
        return new SqlMigration(revision, location, header.transactional(), body, header.irreversible(),
                header.destructive(), checksum);
    }

    /**
     * Splits the sections of a file into statements: errors name {@code location:line}. A downgrade section of an
     * irreversible revision (declared at {@code irreversibleLine}) may hold comments only.
     */
    static SqlMigration.Split split(String location, String upgradeText, int upgradeLine, List<Integer> deferLines,
                                    String downgradeText, int downgradeLine, Integer irreversibleLine,
                                    String verifyText, int verifyLine) {
        List<SqlStatement> up = SqlSplitter.split(upgradeText, upgradeLine, location);
        java.util.Map<Integer, dev.strata.plan.Statement> deferred = new java.util.TreeMap<>();
        for (int directive : deferLines) {
            SqlStatement next = up.stream().filter(st -> st.line() > directive).findFirst().orElseThrow(() ->
                    sectionError(location, directive, "'-- strata:" + DeferredIndex.DIRECTIVE + "' has no statement"
                            + " below it: put it right above the IVFFlat CREATE INDEX it defers"));
            if (deferred.containsKey(next.line())) {
                throw sectionError(location, directive, "a second '-- strata:" + DeferredIndex.DIRECTIVE
                        + "' above the statement of line " + next.line() + ": keep one");
            }
            deferred.put(next.line(), DeferredIndex.of(location, directive, next));
        }
        List<SqlStatement> down = List.of();
        if (downgradeText != null) {
            down = SqlSplitter.split(downgradeText, downgradeLine, location);
            if (irreversibleLine != null && !down.isEmpty()) {
                throw sectionError(location, downgradeLine - 1, "the revision is declared irreversible (line "
                        + irreversibleLine + ") but its downgrade section has statements: remove the "
                        + "'irreversible' line or the downgrade statements");
            }
        }
        List<SqlStatement> checks = verifyText == null ? List.of() : SqlSplitter.split(verifyText, verifyLine, location);
        return new SqlMigration.Split(up, down, deferred, checks);
    }

    /** Removes a leading byte order mark and turns CRLF line endings into LF. */
    static String normalize(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return t.indexOf('\r') < 0 ? t : t.replace("\r\n", "\n");
    }

    private static StrataException sectionError(String location, int line, String what) {
        return new StrataException(ErrorCode.SCRIPT_SECTION_INVALID, location + ":" + line + ": " + what);
    }

    /** One section: its marker line, where its text starts, and (once ended) its text. */
    private static final class Section {
        final int markerLine;
        final int textStart;
        final List<Integer> deferLines = new java.util.ArrayList<>();
        private String text;

        Section(int markerLine, int textStart) {
            this.markerLine = markerLine;
            this.textStart = textStart;
        }

        String text() {
            return text;
        }
    }
}
