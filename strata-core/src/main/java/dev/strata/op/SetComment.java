package dev.strata.op;

import java.util.Objects;

/**
 * {@code COMMENT ON kind object IS 'text'} (or {@code IS NULL}): SHARE UPDATE EXCLUSIVE, instant.
 *
 * @param target what is commented
 * @param object the table, index, view, sequence or type; for columns and constraints, their table
 * @param member the column or constraint name for {@link Target#COLUMN} / {@link Target#CONSTRAINT}, else null
 * @param from   the comment before (reverse restores it), or null for none
 * @param to     the new comment, or null to remove it
 */
public record SetComment(Target target, QualifiedName object, String member, String from, String to) implements Op {

    /** The object kinds a comment can be set on. */
    public enum Target {
        TABLE, COLUMN, INDEX, VIEW, SEQUENCE, TYPE, CONSTRAINT
    }

    public SetComment {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(object, "object");
        boolean needsMember = target == Target.COLUMN || target == Target.CONSTRAINT;
        if (needsMember != (member != null)) {
            throw new IllegalArgumentException("a comment on a " + target.name().toLowerCase(java.util.Locale.ROOT)
                    + (needsMember ? " needs" : " takes no") + " member name");
        }
        if (member != null) {
            QualifiedName.requireName(member, "member");
        }
    }

    @Override
    public Reversal reverse() {
        return Reversal.of(new SetComment(target, object, member, to, from));
    }

    @Override
    public String describe() {
        return "comment on " + target.name().toLowerCase(java.util.Locale.ROOT) + " " + object
                + (member == null ? "" : "." + member);
    }
}
