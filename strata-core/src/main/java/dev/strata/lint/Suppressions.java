package dev.strata.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the {@code -- strata:allow} lines of a revision file and the statement line each one applies to. */
final class Suppressions {
    static final Pattern ALLOW = Pattern.compile("\\s*--\\s*strata:allow(?:\\s+(\\S+))?(?:\\s+(.*?))?\\s*");

    private Suppressions() {
    }

    static List<Suppression> of(String text) {
        List<Suppression> out = new ArrayList<>();
        if (text == null || !text.contains("strata:allow")) {
            // most files suppress nothing: no need to split them into lines and match each one
            return out;
        }
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = ALLOW.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            String rule = m.group(1) == null ? "" : m.group(1);
            String reason = m.group(2) == null ? "" : m.group(2);
            int target = 0;
            for (int j = i + 1; j < lines.length; j++) {
                String l = lines[j].strip();
                if (l.isEmpty() || (l.startsWith("--") && !l.matches("--\\s*strata:(upgrade|downgrade)\\s*"))) {
                    continue;
                }
                if (!l.startsWith("--")) {
                    target = j + 1;
                }
                break;
            }
            String id = rule.isEmpty() ? null : RuleSet.find(rule).map(RuleInfo::id).orElse(null);
            out.add(new Suppression(i + 1, rule, id, reason, target));
        }
        return out;
    }
}
