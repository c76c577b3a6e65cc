package dev.strata.error;

/**
 * One constant per user-visible failure. The names are stable: they appear in {@code --json} output
 * and in the documentation. Each code knows which exit status the CLI gives it.
 */
public enum ErrorCode {
    // bad input or usage: exit 2
    USAGE(Kind.BAD_INPUT),
    CONFIG_INVALID(Kind.BAD_INPUT),
    URL_INVALID(Kind.BAD_INPUT),
    SCRIPT_DIRECTORY_UNREADABLE(Kind.BAD_INPUT),
    SCRIPT_NOT_UTF8(Kind.BAD_INPUT),
    SCRIPT_HEADER_INVALID(Kind.BAD_INPUT),
    SCRIPT_SECTION_INVALID(Kind.BAD_INPUT),
    SCRIPT_NO_DOWNGRADE(Kind.BAD_INPUT),
    SQL_UNTERMINATED(Kind.BAD_INPUT),
    REVISION_ID_INVALID(Kind.BAD_INPUT),
    DUPLICATE_REVISION(Kind.BAD_INPUT),
    UNKNOWN_PARENT(Kind.BAD_INPUT),
    CYCLE(Kind.BAD_INPUT),
    BRANCH_LABEL_CLASH(Kind.BAD_INPUT),
    UNKNOWN_REVISION(Kind.BAD_INPUT),
    AMBIGUOUS_REVISION(Kind.BAD_INPUT),
    MULTIPLE_HEADS(Kind.BAD_INPUT),
    TARGET_INVALID(Kind.BAD_INPUT),
    TARGET_NOT_REACHABLE(Kind.BAD_INPUT),
    IRREVERSIBLE(Kind.BAD_INPUT),
    FILE_EXISTS(Kind.BAD_INPUT),
    OP_INVALID(Kind.BAD_INPUT),
    MODEL_JSON_INVALID(Kind.BAD_INPUT),
    JAVA_REVISION_INVALID(Kind.BAD_INPUT),
    /** The desired-state folder is missing or one of its statements fails on a scratch database. */
    SCHEMA_INVALID(Kind.BAD_INPUT),
    /** Autogenerate found possible renames that nobody confirmed or rejected. */
    RENAME_UNCONFIRMED(Kind.BAD_INPUT),

    // the database or the run failed: exit 1
    CONNECTION_FAILED(Kind.FAILURE),
    LOCK_TIMEOUT(Kind.FAILURE),
    STATEMENT_FAILED(Kind.FAILURE),
    CHECKSUM_MISMATCH(Kind.FAILURE),
    APPLIED_REVISION_MISSING(Kind.FAILURE),
    NEEDS_REPAIR(Kind.FAILURE),
    /** A database that must already be migrated (validate-only start-up of an application) is not. */
    NOT_UP_TO_DATE(Kind.FAILURE),
    /** Lint findings at or above the failing severity stopped an upgrade before it ran (application start-up). */
    LINT_REFUSED(Kind.FAILURE),
    STATE_INVALID(Kind.FAILURE),
    BOOKKEEPING_FAILED(Kind.FAILURE),
    EMBEDDED_FAILED(Kind.FAILURE),
    IO_FAILED(Kind.FAILURE),
    INSPECT_FAILED(Kind.FAILURE),
    INTERNAL(Kind.FAILURE);

    /** Whether the user gave bad input (exit 2) or a run failed (exit 1). */
    public enum Kind { BAD_INPUT, FAILURE }

    private final Kind kind;

    ErrorCode(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
