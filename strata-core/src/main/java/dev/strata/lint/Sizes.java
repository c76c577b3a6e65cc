package dev.strata.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Size-aware severity: findings on tables whose size the configured database reports carry that size, and those
 * whose cost grows with the table get the severity {@link SizeThresholds} gives them.
 */
public final class Sizes {
    private static final Set<Effect> GROWS = Set.of(Effect.REWRITE, Effect.FULL_SCAN, Effect.INDEX_BUILD);
    private static final Set<Effect> REGARDLESS = Set.of(Effect.DATA_LOSS, Effect.BREAKS_CLIENTS);

    private Sizes() {
    }

    /**
     * @param sizes the size of each table (by the name the findings use) that exists on the configured database
     */
    public static LintReport apply(LintReport report, Map<String, TableSize> sizes, SizeThresholds thresholds) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : report.findings()) {
            TableSize size = f.table() == null ? null : sizes.get(f.table());
            if (size == null) {
                out.add(f);
                continue;
            }
            Severity s = thresholds.enabled() && sizeSensitive(f) ? thresholds.severity(f.severity(), size.rows())
                    : f.severity();
            out.add(f.sized(size, s));
        }
        return report.withFindings(out);
    }

    /** Whether the finding's cost grows with its table: a blocking lock or a rewrite, scan or index build, and no data loss or broken clients. */
    public static boolean sizeSensitive(Finding f) {
        if (f.downgrade() || f.effects().stream().anyMatch(REGARDLESS::contains)) {
            return false;
        }
        return f.effects().stream().anyMatch(GROWS::contains) || f.lock() != null && f.lock().blocksWrites();
    }
}
