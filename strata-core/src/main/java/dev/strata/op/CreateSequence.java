package dev.strata.op;

import java.util.Objects;

/**
 * {@code CREATE SEQUENCE name [AS type] [INCREMENT BY n] [START WITH n] [CACHE n]}.
 *
 * @param sequence  the sequence
 * @param dataType  {@code smallint}, {@code integer} or {@code bigint}, or null for the default (bigint)
 * @param start     start value, or null
 * @param increment increment, or null (1)
 * @param cache     cache size, or null (1)
 */
public record CreateSequence(QualifiedName sequence, String dataType, Long start, Long increment, Long cache)
        implements Op {
    public CreateSequence {
        Objects.requireNonNull(sequence, "sequence");
        if (dataType != null && !dataType.matches("(?i)smallint|integer|int|bigint")) {
            throw new IllegalArgumentException("sequence " + sequence + ": type must be smallint, integer or bigint");
        }
        if (increment != null && increment == 0) {
            throw new IllegalArgumentException("sequence " + sequence + ": increment cannot be 0");
        }
        if (cache != null && cache < 1) {
            throw new IllegalArgumentException("sequence " + sequence + ": cache must be at least 1");
        }
    }

    @Override
    public Reversal reverse() {
        return Reversal.of(new DropSequence(sequence, this));
    }

    @Override
    public String describe() {
        return "create sequence " + sequence;
    }
}
