package dev.strata.run;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

/**
 * A user statement failed. {@code index} is the 0-based position of the statement in the list given to
 * the target; {@code sqlState} and {@code serverMessage} come from PostgreSQL. The Runner adds the
 * revision and file:line before it reaches the user.
 */
public class StatementFailedException extends StrataException {
    private final int index;
    private final String sqlState;
    private final String serverMessage;

    public StatementFailedException(int index, String sqlState, String serverMessage, Throwable cause) {
        super(ErrorCode.STATEMENT_FAILED, serverMessage, cause);
        this.index = index;
        this.sqlState = sqlState;
        this.serverMessage = serverMessage;
    }

    public int index() {
        return index;
    }

    public String sqlState() {
        return sqlState;
    }

    public String serverMessage() {
        return serverMessage;
    }
}
