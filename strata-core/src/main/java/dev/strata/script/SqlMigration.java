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
 * A SQL revision file, parsed: header fields, the statements of both sections, and the checksum.
 *
 * @param downgrade          null when irreversible
 * @param irreversible       the reason given for having no downgrade; non-null exactly when {@code downgradeStatements} is null
 * @param destructive        null unless the header documents data loss
 * @param deferredBuilds     IVFFlat builds deferred by {@code -- strata:defer-until-rows}, by the line of their
 *                           upgrade statement: planned as {@link Statement#deferredBuild()} statements
 */
public record SqlMigration(Revision revision, String location, boolean transactional,
                           List<SqlStatement> upgrade, List<SqlStatement> downgradeStatements,
                           String irreversible, String destructive,
                           Checksum checksum, Map<Integer, Statement> deferredBuilds) implements MigrationScript {
    public SqlMigration {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(checksum, "checksum");
        upgrade = List.copyOf(upgrade);
        deferredBuilds = deferredBuilds == null ? Map.of() : Map.copyOf(deferredBuilds);
        downgradeStatements = downgradeStatements == null ? null : List.copyOf(downgradeStatements);
        if ((downgradeStatements == null) == (irreversible == null)) {
            throw new IllegalArgumentException("a revision has either a downgrade or an irreversible reason");
        }
    }

    /** A revision without deferred builds. */
    public SqlMigration(Revision revision, String location, boolean transactional, List<SqlStatement> upgrade,
                        List<SqlStatement> downgradeStatements, String irreversible, String destructive,
                        Checksum checksum) {
        this(revision, location, transactional, upgrade, downgradeStatements, irreversible, destructive, checksum,
                Map.of());
    }

    /** The statements of the downgrade section; empty when irreversible. */
    public Optional<List<SqlStatement>> downgrade() {
        return Optional.ofNullable(downgradeStatements);
    }

    @Override
    public List<Statement> upgradePlan() {
        List<Statement> out = plan(upgrade);
        if (!deferredBuilds.isEmpty()) {
            for (int i = 0; i < upgrade.size(); i++) {
                Statement deferred = deferredBuilds.get(upgrade.get(i).line());
                if (deferred != null) {
                    out.set(i, deferred);
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
}
