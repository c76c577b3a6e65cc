package dev.strata.error;

/**
 * The one unchecked exception for user-facing failures. The message is a single line for a human:
 * what failed, where (revision, file:line, object), and what to do next.
 */
public class StrataException extends RuntimeException {
    private final ErrorCode code;

    public StrataException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public StrataException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
