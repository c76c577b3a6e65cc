package dev.strata.script;

import dev.strata.graph.Revision;

import java.util.List;
import java.util.Optional;

/**
 * A revision as the runner sees it: its place in the graph, its statements in each direction, and its
 * checksum. SQL files are the only kind so far; Java revisions will join this sealed family.
 */
public sealed interface MigrationScript permits SqlMigration {
    Revision revision();

    /** Where it came from, for messages: the file path relative to the working directory. */
    String location();

    /** False when the body must run statement by statement outside a transaction. */
    boolean transactional();

    List<SqlStatement> upgrade();

    /** Empty when the revision is irreversible. */
    Optional<List<SqlStatement>> downgrade();

    /** Why there is no downgrade, when the author said so. */
    Optional<String> irreversibleReason();

    /** The data loss this revision causes, when the author documented it. */
    Optional<String> destructiveReason();

    Checksum checksum();
}
