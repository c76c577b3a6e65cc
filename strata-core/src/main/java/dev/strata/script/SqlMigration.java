package dev.strata.script;

import dev.strata.graph.Revision;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
import dev.strata.sql.SqlStatement;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A SQL revision file, parsed: header fields, the two sections, and the checksum.
 *
 * <p>The checksum and the header are known as soon as the file is read; the sections are split into statements
 * on first use ({@link Body}), so a run that only verifies revisions already applied (a no-op upgrade) never
 * lexes their SQL. {@link ScriptParser#parse} splits at once, reporting every error while the file is loaded;
 * {@link ScriptParser#parseHeader} leaves it for later, and {@link #split()} forces it.
 *
 * @param body         the section texts, split on first use
 * @param irreversible the reason given for having no downgrade, or null
 * @param destructive  null unless the header documents data loss
 */
public record SqlMigration(Revision revision, String location, boolean transactional, Body body,
                           String irreversible, String destructive, Checksum checksum) implements MigrationScript {
    public SqlMigration {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(checksum, "checksum");
        if (!body.hasDowngrade() && irreversible == null) {
            throw new IllegalArgumentException("a revision has either a downgrade or an irreversible reason");
        }
    }

    /** The statements of the upgrade section. */
    public List<SqlStatement> upgrade() {
        return body.split().upgrade();
    }

    /**
     * IVFFlat builds deferred by {@code -- strata:defer-until-rows}, by the line of their upgrade statement: planned
     * as {@link Statement#deferredBuild()} statements.
     */
    public Map<Integer, Statement> deferredBuilds() {
        return body.split().deferredBuilds();
    }

    /** The statements of the {@code -- strata:verify} section; empty when the file has none. */
    public List<SqlStatement> verify() {
        return body.split().verify();
    }

    /** The statements of the downgrade section; null when irreversible. */
    public List<SqlStatement> downgradeStatements() {
        return irreversible == null ? body.split().downgrade() : null;
    }

    /** The statements of the downgrade section; empty when irreversible. */
    public Optional<List<SqlStatement>> downgrade() {
        return Optional.ofNullable(downgradeStatements());
    }

    /**
     * Splits both sections now (once), so that a lexing error (an unterminated string, a downgrade section with
     * statements in an irreversible revision) surfaces here, naming {@code file:line}; returns this.
     */
    public SqlMigration split() {
        body.split();
        return this;
    }

    /**
     * Whether the sections are known to split into statements without an error: split already, or read from a
     * {@link RevisionCache} entry of the same bytes that split cleanly with this build. Such a revision need not be
     * split before a run starts to show that it can run ({@link dev.strata.run.MigrationSet#splitAllBut}).
     */
    public boolean splitsCleanly() {
        return body.splitsCleanly();
    }

    /** Known without splitting when the bytes split cleanly before ({@link #splitsCleanly()}). */
    @Override
    public boolean upgradeIsEmpty() {
        int known = body.upgradeStatements();
        return known >= 0 ? known == 0 : upgrade().isEmpty();
    }

    /**
     * Known from the header when the bytes split cleanly before ({@link #splitsCleanly()}); otherwise the file is split
     * first, so that a lexing error surfaces now. The downgrade itself is split when it runs, on the read-ahead
     * thread: in a downgrade of 1,000 revisions, splitting them all before the first had cost 0.2 s of a 2-core VM.
     */
    @Override
    public boolean reversible() {
        if (!splitsCleanly()) {
            split();
        }
        return irreversible == null;
    }

    @Override
    public List<Statement> upgradePlan() {
        List<SqlStatement> upgrade = upgrade();
        List<Statement> out = plan(upgrade);
        Map<Integer, Statement> deferred = deferredBuilds();
        if (!deferred.isEmpty()) {
            for (int i = 0; i < upgrade.size(); i++) {
                Statement build = deferred.get(upgrade.get(i).line());
                if (build != null) {
                    out.set(i, build);
                }
            }
        }
        return out;
    }

    @Override
    public Optional<List<Statement>> downgradePlan() {
        return downgrade().map(this::plan);
    }

    /** The verify section's statements, each in the revision's transaction mode (they never change the database). */
    @Override
    public List<Statement> verifyPlan() {
        return plan(verify());
    }

    @Override
    public boolean transactional() {
        return transactional;
    }

    /** Known from the file's directives, without splitting it. */
    @Override
    public boolean mayDeferBuilds() {
        return body.mayDefer();
    }

    /** Known from the upgrade section's words, without splitting it: false when it never says "extension". */
    @Override
    public boolean mayCreateExtension() {
        return body.mayCreateExtension();
    }

    private List<Statement> plan(List<SqlStatement> statements) {
        Tx tx = transactional ? Tx.IN_TRANSACTION : Tx.NO_TRANSACTION;
        List<Statement> out = new java.util.ArrayList<>(statements.size());
        for (SqlStatement s : statements) {
            out.add(new Statement(s.sql(), tx, java.util.Set.of(), location + ":" + s.line(), null));
        }
        return out;
    }

    @Override
    public Optional<String> irreversibleReason() {
        return Optional.ofNullable(irreversible);
    }

    @Override
    public Optional<String> destructiveReason() {
        return Optional.ofNullable(destructive);
    }

    /**
     * The text of both sections with the line their text starts at, split into statements on first use
     * (thread-safe; the result is kept). Equal when the texts and lines are. A body read from a {@link RevisionCache}
     * holds the file's bytes instead, and parses them on first use.
     */
    public static final class Body {
        private final String location;
        private final byte[] source;
        private final java.util.function.Supplier<byte[]> reader;
        private final boolean hasDowngrade;
        private final boolean mayDefer;
        private final boolean mayCreateExtension;
        /** How many upgrade statements an earlier split of the same bytes found; -1: unknown, or it failed. */
        private final int splitBefore;
        private volatile Sections sections;
        private volatile Split split;

        /**
         * @param downgradeText    null when the file has no downgrade section
         * @param irreversibleLine the header line declaring the revision irreversible, or null
         */
        Body(String location, String upgradeText, int upgradeLine, List<Integer> deferLines, String downgradeText,
             int downgradeLine, Integer irreversibleLine, String verifyText, int verifyLine) {
            this.location = location;
            this.source = null;
            this.reader = null;
            this.sections = new Sections(Objects.requireNonNull(upgradeText), upgradeLine, List.copyOf(deferLines),
                    downgradeText, downgradeLine, irreversibleLine, verifyText, verifyLine);
            this.hasDowngrade = downgradeText != null;
            this.mayDefer = !deferLines.isEmpty();
            this.mayCreateExtension = mentionsExtension(upgradeText);
            this.splitBefore = -1;
        }

        /** Whether {@code text} has the word "extension" in any case: a CREATE EXTENSION needs it. */
        static boolean mentionsExtension(String text) {
            int n = text.length() - "extension".length();
            for (int i = 0; i <= n; i++) {
                char c = text.charAt(i);
                if ((c == 'e' || c == 'E') && text.regionMatches(true, i, "extension", 0, "extension".length())) {
                    return true;
                }
            }
            return false;
        }

        private Body(String location, byte[] source, java.util.function.Supplier<byte[]> reader,
                     boolean hasDowngrade, boolean mayDefer, boolean mayCreateExtension, int splitBefore) {
            this.location = location;
            this.source = source;
            this.reader = reader;
            this.hasDowngrade = hasDowngrade;
            this.mayDefer = mayDefer;
            this.mayCreateExtension = mayCreateExtension;
            this.splitBefore = splitBefore;
        }

        /**
         * The body of the file whose bytes are {@code source} (kept, not copied), parsed on first use;
         * {@code hasDowngrade}, {@code mayDefer}, {@code mayCreateExtension} and {@code splitBefore} (how many upgrade
         * statements the sections split into without an error; -1 when they did not) are what an earlier parse of
         * the same bytes found.
         */
        static Body fromSource(String location, byte[] source, boolean hasDowngrade, boolean mayDefer,
                               boolean mayCreateExtension, int splitBefore) {
            return new Body(location, source, null, hasDowngrade, mayDefer, mayCreateExtension, splitBefore);
        }

        /** As {@link #fromSource}, the bytes read by {@code reader} on first use (it checks they are the same). */
        static Body fromFile(String location, java.util.function.Supplier<byte[]> reader, boolean hasDowngrade,
                             boolean mayDefer, boolean mayCreateExtension, int splitBefore) {
            return new Body(location, null, reader, hasDowngrade, mayDefer, mayCreateExtension, splitBefore);
        }

        /** Split already, or split without an error by an earlier parse of the same bytes. */
        boolean splitsCleanly() {
            return upgradeStatements() >= 0;
        }

        /** How many upgrade statements the sections split into; -1 when that is not known without splitting. */
        int upgradeStatements() {
            Split s = split;
            return s != null ? s.upgrade().size() : splitBefore;
        }

        /** The sections: given, or parsed once from the file's bytes. */
        private Sections sections() {
            Sections s = sections;
            if (s == null) {
                synchronized (this) {
                    s = sections;
                    if (s == null) {
                        byte[] bytes = source != null ? source : reader.get();
                        s = ScriptParser.body(location, ScriptLoader.decodeUtf8(bytes, location)).sections();
                        sections = s;
                    }
                }
            }
            return s;
        }

        /** The downgrade section's text; null when the file has none. */
        String downgradeText() {
            return sections().downgradeText;
        }

        /** Whether the file has a downgrade section (known without parsing a cached body). */
        boolean hasDowngrade() {
            return hasDowngrade;
        }

        /** Whether the upgrade section has a {@code defer-until-rows} directive (known without parsing). */
        boolean mayDefer() {
            return mayDefer;
        }

        /** Whether the upgrade section's text has the word "extension" (known without parsing). */
        boolean mayCreateExtension() {
            return mayCreateExtension;
        }

        /** The statements of both sections (downgrade empty when irreversible), split once. */
        Split split() {
            Split s = split;
            if (s == null) {
                synchronized (this) {
                    s = split;
                    if (s == null) {
                        Sections t = sections();
                        s = ScriptParser.split(location, t.upgradeText, t.upgradeLine, t.deferLines, t.downgradeText,
                                t.downgradeLine, t.irreversibleLine, t.verifyText, t.verifyLine);
                        split = s;
                    }
                }
            }
            return s;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Body b && sections().equals(b.sections());
        }

        @Override
        public int hashCode() {
            Sections t = sections();
            return Objects.hash(t.upgradeText, t.upgradeLine, t.downgradeText, t.downgradeLine);
        }

        @Override
        public String toString() {
            return "Body[" + location + "]";
        }
    }

    /** The section texts of a file and the lines they start at (equal when those are; the defer lines aside). */
    private record Sections(String upgradeText, int upgradeLine, List<Integer> deferLines, String downgradeText,
                            int downgradeLine, Integer irreversibleLine, String verifyText, int verifyLine) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Sections t && upgradeText.equals(t.upgradeText) && upgradeLine == t.upgradeLine
                    && Objects.equals(downgradeText, t.downgradeText) && downgradeLine == t.downgradeLine
                    && Objects.equals(irreversibleLine, t.irreversibleLine)
                    && Objects.equals(verifyText, t.verifyText) && verifyLine == t.verifyLine;
        }

        @Override
        public int hashCode() {
            return Objects.hash(upgradeText, upgradeLine, downgradeText, downgradeLine);
        }
    }

    /** Both sections as statements, and the upgrade's deferred builds by statement line. */
    record Split(List<SqlStatement> upgrade, List<SqlStatement> downgrade, Map<Integer, Statement> deferredBuilds,
                 List<SqlStatement> verify) {
        Split {
            upgrade = List.copyOf(upgrade);
            verify = List.copyOf(verify);
            downgrade = List.copyOf(downgrade);
            deferredBuilds = Map.copyOf(deferredBuilds);
        }
    }
}
