package dev.strata.lint;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a rule is about, for findings, the docs page and SARIF rule metadata.
 *
 * @param id        the stable code ({@code SA001}); never reused for another rule
 * @param name      a readable name ({@code require-concurrent-index-creation}); also accepted where an id is
 * @param severity  the default severity
 * @param title     one line: what the rule flags
 * @param why       why it matters on a live database
 * @param fix       the safe alternative, step by step
 * @param strataWay the Strata op (or revision shape) that does it safely, or "" when there is none
 * @param squawk    the squawk rules this one covers (empty for rules squawk does not have)
 * @param optIn     true when the rule is off unless configured
 */
public record RuleInfo(String id, String name, Severity severity, String title, String why, String fix,
                       String strataWay, List<String> squawk, boolean optIn) {
    private static final Pattern ID = Pattern.compile("SA\\d{3}");

    public RuleInfo {
        Objects.requireNonNull(severity, "severity");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("rule id must look like SA001: " + id);
        }
        strataWay = strataWay == null ? "" : strataWay;
        squawk = squawk.stream().filter(q -> !q.isBlank()).toList();
    }

    static RuleInfo of(String id, String name, Severity severity, String title, String why, String fix,
                       String strataWay, String... squawk) {
        return new RuleInfo(id, name, severity, title, why, fix, strataWay, List.of(squawk), false);
    }

    RuleInfo optional() {
        return new RuleInfo(id, name, severity, title, why, fix, strataWay, squawk, true);
    }

    /** The anchor of the rule's section in docs/lint.md. */
    public String anchor() {
        return id.toLowerCase(java.util.Locale.ROOT);
    }
}
