package dev.strata.lint;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.error.Suggestion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every rule Strata has, in id order, looked up by id or by name. */
public final class RuleSet {
    private static final List<Rule> RULES = build();
    private static final Map<String, Rule> BY_KEY = index();

    /** Meta rules about suppressions; the linter itself reports them. */
    static final RuleInfo INVALID_SUPPRESSION = RuleInfo.of("SA900", "invalid-suppression", Severity.ERROR,
            "A '-- strata:allow' line without a reason, or naming no known rule",
            "A suppression is a decision someone has to be able to read later; without the reason (or with a "
                    + "misspelled rule) it silences nothing or hides why.",
            "Write '-- strata:allow RULE-ID why this is safe here' on the line(s) right before the statement.", "");
    static final RuleInfo UNUSED_SUPPRESSION = RuleInfo.of("SA901", "unused-suppression", Severity.WARNING,
            "A '-- strata:allow' line that suppresses nothing",
            "The statement below it no longer triggers the rule (or the line is not right before a statement): the "
                    + "stale suppression would hide a future finding.",
            "Remove the line, or move it right before the statement it is meant for.", "", "unused-ignore");

    private RuleSet() {
    }

    private static List<Rule> build() {
        List<Rule> all = new ArrayList<>();
        all.addAll(IndexRules.all());
        all.addAll(ColumnRules.all());
        all.addAll(ConstraintRules.all());
        all.addAll(DestructiveRules.all());
        all.addAll(TransactionRules.all());
        all.addAll(RewriteRules.all());
        all.addAll(TypeRules.all());
        all.addAll(StyleRules.all());
        all.addAll(TimescaleRules.all());
        all.addAll(VectorRules.all());
        return List.copyOf(all);
    }

    private static Map<String, Rule> index() {
        Map<String, Rule> m = new LinkedHashMap<>();
        for (Rule r : RULES) {
            if (m.put(r.info().id(), r) != null || m.put(r.info().name(), r) != null) {
                throw new IllegalStateException("duplicate rule " + r.info().id());
            }
        }
        return m;
    }

    static List<Rule> rules() {
        return RULES;
    }

    /** The metadata of every rule, the suppression rules included, in id order. */
    public static List<RuleInfo> infos() {
        List<RuleInfo> out = new ArrayList<>();
        RULES.forEach(r -> out.add(r.info()));
        out.addAll(ObservedRules.all());
        out.add(INVALID_SUPPRESSION);
        out.add(UNUSED_SUPPRESSION);
        return out;
    }

    /** The rule with this id or name (any case), if any. */
    public static Optional<RuleInfo> find(String idOrName) {
        String k = idOrName.strip();
        Rule r = BY_KEY.get(k.toUpperCase(java.util.Locale.ROOT));
        if (r == null) {
            r = BY_KEY.get(k.toLowerCase(java.util.Locale.ROOT));
        }
        if (r == null) {
            List<RuleInfo> extra = new ArrayList<>(ObservedRules.all());
            extra.add(INVALID_SUPPRESSION);
            extra.add(UNUSED_SUPPRESSION);
            for (RuleInfo meta : extra) {
                if (meta.id().equalsIgnoreCase(k) || meta.name().equalsIgnoreCase(k)) {
                    return Optional.of(meta);
                }
            }
        }
        return Optional.ofNullable(r).map(Rule::info);
    }

    /**
     * The id of the rule called {@code idOrName}.
     *
     * @param where for the error: where the name was given ({@code strata.toml [lint.rules]}, {@code --allow})
     * @throws StrataException LINT_RULE_UNKNOWN... naming the closest rule
     */
    public static String resolve(String idOrName, String where) {
        return find(idOrName).map(RuleInfo::id).orElseThrow(() -> {
            List<String> names = new ArrayList<>(BY_KEY.keySet());
            ObservedRules.all().forEach(o -> names.add(o.id()));
            String hint = Suggestion.closest(idOrName, names).map(s -> "did you mean " + s + "?")
                    .orElse("see docs/lint.md for the rule list");
            return new StrataException(ErrorCode.CONFIG_INVALID, where + ": unknown lint rule '" + idOrName + "': "
                    + hint);
        });
    }
}
