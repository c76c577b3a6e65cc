package dev.strata.graph;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed target as users write it for upgrade, downgrade, stamp and history. Parsing checks only the
 * syntax; {@link RevisionGraph} decides what a spec means. Every variant may carry a branch label
 * ({@code LABEL@...}), null when absent.
 *
 * <p>Forms: {@code head}, {@code heads}, {@code base}, an id, a unique id prefix or a branch label
 * ({@link Ref}), {@code +N} / {@code -N} relative to the current heads, {@code REF+N} / {@code REF-N}
 * relative to a revision (REF may also be {@code head} or {@code base}), each optionally prefixed by
 * {@code LABEL@}.
 */
public sealed interface RevisionSpec {

    /** The branch label given before {@code @}, or null. */
    String label();

    /** {@code head} or {@code LABEL@head}: the single head (of the branch). */
    record Head(String label) implements RevisionSpec { }

    /** {@code heads} or {@code LABEL@heads}: every head (of the branch). */
    record Heads(String label) implements RevisionSpec { }

    /** {@code base} or {@code LABEL@base}: nothing applied (of the branch). */
    record Base(String label) implements RevisionSpec { }

    /** A full id, a unique id prefix or a branch label; with {@code LABEL@} it must be on that branch. */
    record Ref(String label, String ref) implements RevisionSpec {
        public Ref {
            if (!RevisionId.isValid(ref)) {
                throw new IllegalArgumentException("bad ref " + ref);
            }
        }
    }

    /**
     * {@code [LABEL@][REF](+|-)N}: N steps up (positive) or down (negative) from {@code from}, or from the
     * current heads when {@code from} is null. {@code from} may be {@code head} or {@code base}.
     */
    record Relative(String label, String from, int steps) implements RevisionSpec {
        public Relative {
            if (steps == 0) {
                throw new IllegalArgumentException("steps must not be 0");
            }
        }
    }

    /** Parses a target; a TARGET_INVALID error says what is accepted. */
    static RevisionSpec parse(String text) {
        String spec = text == null ? "" : text.trim();
        String label = null;
        String rest = spec;
        int at = spec.indexOf('@');
        if (at >= 0) {
            label = spec.substring(0, at);
            rest = spec.substring(at + 1);
            if (!RevisionId.isValid(label)) {
                throw invalid(text);
            }
        }
        switch (rest) {
            case "head":
                return new Head(label);
            case "heads":
                return new Heads(label);
            case "base":
                return new Base(label);
            default:
                break;
        }
        Matcher m = Pattern.compile("([A-Za-z0-9_.]*)([+-])([0-9]{1,6})").matcher(rest);
        if (m.matches()) {
            int n = Integer.parseInt(m.group(3));
            if (n == 0) {
                throw invalid(text);
            }
            String from = m.group(1).isEmpty() ? null : m.group(1);
            return new Relative(label, from, m.group(2).equals("+") ? n : -n);
        }
        if (!RevisionId.isValid(rest)) {
            throw invalid(text);
        }
        return new Ref(label, rest);
    }

    private static StrataException invalid(String text) {
        return new StrataException(ErrorCode.TARGET_INVALID, "target '" + text + "' is not valid: use head, heads,"
                + " base, a revision id or unique prefix, a branch label, LABEL@head, LABEL@base, +N, -N, ID+N or ID-N");
    }
}
