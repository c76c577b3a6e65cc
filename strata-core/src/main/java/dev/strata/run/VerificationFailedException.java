package dev.strata.run;

/**
 * A revision's verification failed: one of its verify statements raised an error ({@code sqlState} set) or returned
 * a row whose first column is false or NULL ({@code sqlState} null). {@code index} is the position of the verify
 * statement in the revision's verify plan.
 */
public final class VerificationFailedException extends StatementFailedException {
    public VerificationFailedException(int index, String sqlState, String message, Throwable cause) {
        super(index, sqlState, message, cause);
    }
}
