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
        if (body.downgradeText() == null && irreversible == null) {
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

    @Override
    public boolean transactional() {
        return transactional;
    }

    /** Known from the file's directives, without splitting it. */
    @Override
    public boolean mayDeferBuilds() {
        return !body.deferLines.isEmpty();
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
     * (thread-safe; the result is kept). Equal when the texts and lines are.
     */
    public static final class Body {
        private final String location;
        private final String upgradeText;
        private final int upgradeLine;
        private final List<Integer> deferLines;
        private final String downgradeText;
        private final int downgradeLine;
        private final Integer irreversibleLine;
        private volatile Split split;

        /**
         * @param downgradeText    null when the file has no downgrade section
         * @param irreversibleLine the header line declaring the revision irreversible, or null
         */
        Body(String location, String upgradeText, int upgradeLine, List<Integer> deferLines, String downgradeText,
             int downgradeLine, Integer irreversibleLine) {
            this.location = location;
            this.upgradeText = Objects.requireNonNull(upgradeText);
            this.upgradeLine = upgradeLine;
            this.deferLines = List.copyOf(deferLines);
            this.downgradeText = downgradeText;
            this.downgradeLine = downgradeLine;
            this.irreversibleLine = irreversibleLine;
        }

        /** The downgrade section's text; null when the file has none. */
        String downgradeText() {
            return downgradeText;
        }

        /** The statements of both sections (downgrade empty when irreversible), split once. */
        Split split() {
            Split s = split;
            if (s == null) {
                synchronized (this) {
                    s = split;
                    if (s == null) {
                        s = ScriptParser.split(location, upgradeText, upgradeLine, deferLines, downgradeText,
                                downgradeLine, irreversibleLine);
                        split = s;
                    }
                }
            }
            return s;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Body b && upgradeText.equals(b.upgradeText) && upgradeLine == b.upgradeLine
                    && Objects.equals(downgradeText, b.downgradeText) && downgradeLine == b.downgradeLine
                    && Objects.equals(irreversibleLine, b.irreversibleLine);
        }

        @Override
        public int hashCode() {
            return Objects.hash(upgradeText, upgradeLine, downgradeText, downgradeLine);
        }

        @Override
        public String toString() {
            return "Body[" + location + "]";
        }
    }

    /** Both sections as statements, and the upgrade's deferred builds by statement line. */
    record Split(List<SqlStatement> upgrade, List<SqlStatement> downgrade, Map<Integer, Statement> deferredBuilds) {
        Split {
            upgrade = List.copyOf(upgrade);
            downgrade = List.copyOf(downgrade);
            deferredBuilds = Map.copyOf(deferredBuilds);
        }
    }
}
