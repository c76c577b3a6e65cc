package dev.strata.engine.monitor;

/**
 * An alert condition of {@code strata.toml} that a run met.
 *
 * @param condition {@code revision_longer_than}, {@code failure}, {@code downgrade} or {@code verification_failure}
 *                  (the key that set it)
 * @param revision  the revision it is about, or null when it is about the run
 * @param message   what happened, for people (passwords masked)
 */
public record Alert(String condition, String revision, String message) {
}
