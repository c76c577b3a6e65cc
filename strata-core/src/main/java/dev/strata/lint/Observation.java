package dev.strata.lint;

import java.util.Objects;

/**
 * What replaying the statement on a scratch database showed, compared with the static prediction. Static
 * linting leaves it {@link Verdict#NOT_OBSERVED}; observed analysis fills it in.
 *
 * @param detail what was seen (locks held, relfilenode changes, invalid indexes), empty when not observed
 */
public record Observation(Verdict verdict, String detail) {
    public enum Verdict { NOT_OBSERVED, CONFIRMED, CONTRADICTED }

    public static final Observation NONE = new Observation(Verdict.NOT_OBSERVED, "");

    public Observation {
        Objects.requireNonNull(verdict, "verdict");
        detail = detail == null ? "" : detail;
    }
}
