package dev.strata.lint;

/**
 * One {@code -- strata:allow RULE-ID reason} line of a revision file.
 *
 * @param line       the line of the comment
 * @param rule       the rule as written
 * @param ruleId     the rule's id, or null when no rule has that id or name
 * @param reason     the reason ("" when missing)
 * @param targetLine the line of the statement it applies to: the first line after it that is not blank or a
 *                   comment; 0 when none follows in the section
 */
public record Suppression(int line, String rule, String ruleId, String reason, int targetLine) {
}
