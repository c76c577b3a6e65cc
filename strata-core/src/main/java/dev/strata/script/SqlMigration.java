package dev.strata.script;

import dev.strata.graph.Revision;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
import dev.strata.sql.SqlStatement;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A SQL revision file, parsed: header fields, the statements of both sections, and the checksum.
 *
 * @param downgrade          null when irreversible
 * @param irreversible       the reason given for having no downgrade; non-null exactly when {@code downgradeStatements} is null
 * @param destructive        null unless the header documents data loss
 * @param verify             the statements of the {@code -- strata:verify} section; empty when the file has none
 */
public record SqlMigration(Revision revision, String location, boolean transactional,
                           List<SqlStatement> upgrade, List<SqlStatement> downgradeStatements,
                           String irreversible, String destructive,
                           Checksum checksum, List<SqlStatement> verify) implements MigrationScript {
    /** A revision without a verify section. */
    public SqlMigration(Revision revision, String location, boolean transactional, List<SqlStatement> upgrade,
                        List<SqlStatement> downgradeStatements, String irreversible, String destructive,
                        Checksum checksum) {
        this(revision, location, transactional, upgrade, downgradeStatements, irreversible, destructive, checksum,
                List.of());
    }

    public SqlMigration {
        verify = verify == null ? List.of() : List.copyOf(verify);
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(checksum, "checksum");
        upgrade = List.copyOf(upgrade);
        downgradeStatements = downgradeStatements == null ? null : List.copyOf(downgradeStatements);
        if ((downgradeStatements == null) == (irreversible == null)) {
            throw new IllegalArgumentException("a revision has either a downgrade or an irreversible reason");
        }
    }

    /** The statements of the downgrade section; empty when irreversible. */
    public Optional<List<SqlStatement>> downgrade() {
        return Optional.ofNullable(downgradeStatements);
    }

    @Override
    public List<Statement> upgradePlan() {
        return plan(upgrade);
    }

    @Override
    public Optional<List<Statement>> downgradePlan() {
        return downgrade().map(this::plan);
    }

    /** The verify section's statements, each in the revision's transaction mode (they never change the database). */
    @Override
    public List<Statement> verifyPlan() {
        return plan(verify);
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
