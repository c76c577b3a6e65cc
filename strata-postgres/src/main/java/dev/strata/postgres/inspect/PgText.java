package dev.strata.postgres.inspect;

/** Text helpers for messages. */
final class PgText {
    private PgText() {
    }

    /** A server message on one line. */
    static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
