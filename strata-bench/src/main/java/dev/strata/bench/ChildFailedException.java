package dev.strata.bench;

/** A child JVM failed or printed no result; the message names the tool, the exit code and the log file. */
final class ChildFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ChildFailedException(String message) {
        super(message);
    }
}
