package dev.strata.script;

import dev.strata.graph.Revision;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;

import java.util.List;
import java.util.Optional;

/**
 * A revision as the runner sees it: its place in the graph, the planned statements of each direction,
 * and its checksum. SQL files are one kind ({@link SqlMigration}); Java revisions, whose ops are rendered
 * into statements, are the other ({@link JavaMigrationScript}, loaded by {@link dev.strata.java.JavaMigrationLoader}).
 */
public sealed interface MigrationScript permits SqlMigration, JavaMigrationScript {
    Revision revision();

    /** Where it came from, for messages: the file path relative to the working directory, or the class name. */
    String location();

    /** The statements that apply it, each with its transaction mode and its source for messages. */
    List<Statement> upgradePlan();

    /** The statements that revert it; empty when the revision is irreversible. */
    Optional<List<Statement>> downgradePlan();

    /** Why there is no downgrade, when there is none. */
    Optional<String> irreversibleReason();

    /** The data loss this revision causes, when the author documented it. */
    Optional<String> destructiveReason();

    Checksum checksum();

    /**
     * Whether a statement of the upgrade may be a deferred index build ({@link Statement#deferredBuild()}), which
     * {@link dev.strata.run.DeferredBuilds} looks for in every applied revision: answered without planning or
     * splitting the revision where the kind of revision can tell.
     */
    default boolean mayDeferBuilds() {
        return true;
    }

    /**
     * Whether the upgrade may run {@code CREATE EXTENSION}, answered without splitting the revision where the kind
     * of revision can tell (the pre-checks of an upgrade into an empty database split only those that may).
     */
    default boolean mayCreateExtension() {
        return true;
    }

    /**
     * Whether the upgrade has no statement at all (checked for every pending revision before a run starts). A
     * script may know it without working out its statements.
     */
    default boolean upgradeIsEmpty() {
        return upgradePlan().isEmpty();
    }

    /**
     * Whether the revision has a downgrade (checked for every revision to revert before a downgrade starts). A script
     * may know it without working out its statements; it still reports a revision that cannot be read (a lexing
     * error, naming {@code file:line}) here, before anything runs.
     */
    default boolean reversible() {
        return downgradePlan().isPresent();
    }

    /**
     * The statements that verify the upgrade (a SQL file's {@code -- strata:verify} section, a Java revision's
     * {@code verify()}): they run after the upgrade's statements, and the revision fails when one of them raises
     * an error or returns a row whose first column is a boolean false or NULL. Empty when there are none.
     */
    default List<Statement> verifyPlan() {
        return List.of();
    }

    /** True when every upgrade statement runs inside one transaction (then the bookkeeping joins it). */
    default boolean transactional() {
        return upgradePlan().stream().allMatch(s -> s.tx() == Tx.IN_TRANSACTION);
    }
}
