package dev.strata.script;

import dev.strata.graph.Revision;
import dev.strata.op.Op;
import dev.strata.op.Renderer;
import dev.strata.op.Reversal;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Java revision, loaded: its header, the ops its {@code upgrade} recorded, its downgrade (ops written by
 * the author, ops derived from the upgrade, or the reason there are none), the statements those ops render
 * to, and its checksum.
 *
 * <p>Invariants: everything is computed once, at construction, and never changes. The plans are
 * {@link Renderer#render} of the ops; when the revision is declared non-transactional, their
 * {@link Tx#IN_TRANSACTION} statements become {@link Tx#NO_TRANSACTION} (other modes are kept). Each
 * statement's source names the class, the direction and the op ({@code com.acme.R1 upgrade op 2 (sql: ...)}).
 * The downgrade plan is empty exactly when {@link #irreversibleReason()} is present.
 *
 * <p><b>Checksum</b>: the SHA-256 of a normalized text made of the revision id, the parent ids and the
 * depends-on ids (each sorted), the declared {@code transactional} value, and for each direction every
 * rendered statement in order: its transaction mode and its SQL (for a batched backfill also its table,
 * key, assignments and pending predicate), or the fact that the revision is irreversible. It thus covers
 * exactly what a SQL revision's checksum covers, taken over the SQL the ops render instead of a file's
 * text. Not covered: the message, branch labels, {@code destructive}, the reason text of
 * {@code irreversible}, whether the downgrade was written or derived, the class's name and anything in the
 * class that does not change the rendered SQL. A change to the renderer's output for the same ops changes
 * the checksum too (accept it with {@code strata repair --accept-checksum}).
 */
public final class JavaMigrationScript implements MigrationScript {
    private final Revision revision;
    private final String location;
    private final boolean declaredTransactional;
    private final List<Op> upgradeOps;
    private final Reversal downgrade;
    private final boolean downgradeDerived;
    private final String destructive;
    private final List<Statement> upgradePlan;
    private final List<Statement> downgradePlan;
    private final Checksum checksum;
    private final List<Statement> verifyPlan;

    /**
     * @param location              the class name
     * @param declaredTransactional the annotation's {@code transactional}
     * @param downgrade             the downgrade ops, or why there are none
     * @param downgradeDerived      whether the downgrade ops (or the reason) were derived from the upgrade
     * @param destructive           the documented data loss, or null
     */
    public JavaMigrationScript(Revision revision, String location, boolean declaredTransactional, List<Op> upgradeOps,
                               Reversal downgrade, boolean downgradeDerived, String destructive) {
        this(revision, location, declaredTransactional, upgradeOps, downgrade, downgradeDerived, destructive, List.of());
    }

    /** As above, with the SQL statements of the revision's {@code verify()} (empty: none). */
    public JavaMigrationScript(Revision revision, String location, boolean declaredTransactional, List<Op> upgradeOps,
                               Reversal downgrade, boolean downgradeDerived, String destructive, List<String> verify) {
        this.revision = Objects.requireNonNull(revision, "revision");
        this.location = Objects.requireNonNull(location, "location");
        this.declaredTransactional = declaredTransactional;
        this.upgradeOps = List.copyOf(upgradeOps);
        this.downgrade = Objects.requireNonNull(downgrade, "downgrade");
        this.downgradeDerived = downgradeDerived;
        this.destructive = destructive == null || destructive.isBlank() ? null : destructive;
        this.upgradePlan = plan("upgrade", this.upgradeOps);
        this.downgradePlan = downgrade instanceof Reversal.Reversible r ? plan("downgrade", r.ops()) : null;
        Tx verifyTx = declaredTransactional ? Tx.IN_TRANSACTION : Tx.NO_TRANSACTION;
        List<Statement> checks = new ArrayList<>();
        for (int i = 0; i < verify.size(); i++) {
            checks.add(Statement.of(verify.get(i), verifyTx, location + " verify " + (i + 1)));
        }
        this.verifyPlan = List.copyOf(checks);
        this.checksum = Checksum.sha256(JavaChecksumForm.of(revision, declaredTransactional, upgradePlan, downgradePlan,
                verifyPlan));
    }

    private List<Statement> plan(String direction, List<Op> ops) {
        List<Statement> out = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            String source = location + " " + direction + " op " + (i + 1);
            for (Statement s : Renderer.render(ops.get(i))) {
                Tx tx = !declaredTransactional && s.tx() == Tx.IN_TRANSACTION ? Tx.NO_TRANSACTION : s.tx();
                String from = s.source().isEmpty() ? source : source + " (" + s.source() + ")";
                out.add(new Statement(s.sql(), tx, s.hazards(), from, s.backfill(), s.deferredBuild()));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public Revision revision() {
        return revision;
    }

    /** The class name. */
    @Override
    public String location() {
        return location;
    }

    @Override
    public List<Statement> upgradePlan() {
        return upgradePlan;
    }

    @Override
    public Optional<List<Statement>> downgradePlan() {
        return Optional.ofNullable(downgradePlan);
    }

    @Override
    public Optional<String> irreversibleReason() {
        return downgrade instanceof Reversal.Irreversible i ? Optional.of(i.reason()) : Optional.empty();
    }

    @Override
    public Optional<String> destructiveReason() {
        return Optional.ofNullable(destructive);
    }

    @Override
    public List<Statement> verifyPlan() {
        return verifyPlan;
    }

    @Override
    public Checksum checksum() {
        return checksum;
    }

    /** The annotation's {@code transactional}; {@link #transactional()} tells whether the plan runs in one transaction. */
    public boolean declaredTransactional() {
        return declaredTransactional;
    }

    /** The ops the upgrade recorded, in order (input for the linter). */
    public List<Op> upgradeOps() {
        return upgradeOps;
    }

    /** The downgrade's ops, or why there are none. */
    public Reversal downgrade() {
        return downgrade;
    }

    /** Whether the downgrade was derived from the upgrade's ops rather than written by the author. */
    public boolean downgradeDerived() {
        return downgradeDerived;
    }

    @Override
    public String toString() {
        return "JavaMigrationScript[" + revision.id() + " " + location + " " + checksum.shortHex() + "]";
    }
}
