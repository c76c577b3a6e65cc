package dev.strata.error;

/**
 * The one unchecked exception for user-facing failures. The message is a single line for a human:
 * what failed, where (revision, file:line, object), and what to do next.
 */
public class StrataException extends RuntimeException {
    /**
     * A setting the caller chose that the failure is about, so that a front end can say how its users set it
     * (the CLI names its flag); the message itself names it in the library's terms.
     */
    public enum Input {
        /** The config file to read (default strata.toml). */
        CONFIG_FILE,
        /** The environment chosen (default $ENVIRONMENT, else development). */
        ENVIRONMENT,
        /** The database URL given directly, overriding the configuration. */
        URL,
        /** The named database of the config file chosen. */
        DATABASE_NAME,
        /** The migrations folder. */
        MIGRATIONS_DIR
    }

    private final ErrorCode code;
    private final Input input;

    public StrataException(ErrorCode code, String message) {
        this(code, null, message, null);
    }

    public StrataException(ErrorCode code, String message, Throwable cause) {
        this(code, null, message, cause);
    }

    /** A failure about {@code input} (may be null: about none). */
    public StrataException(ErrorCode code, Input input, String message) {
        this(code, input, message, null);
    }

    /** A failure about {@code input} (may be null: about none), caused by {@code cause} (may be null). */
    public StrataException(ErrorCode code, Input input, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.input = input;
    }

    public ErrorCode code() {
        return code;
    }

    /** The caller's setting this failure is about, if it is about one. */
    public java.util.Optional<Input> input() {
        return java.util.Optional.ofNullable(input);
    }
}
