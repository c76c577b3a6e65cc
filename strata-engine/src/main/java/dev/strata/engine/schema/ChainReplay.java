package dev.strata.engine.schema;

import dev.strata.graph.Revision;
import dev.strata.postgres.JdbcTarget;
import dev.strata.run.MigrationSet;
import dev.strata.run.RunListener;
import dev.strata.run.RunOptions;
import dev.strata.run.Runner;
import dev.strata.run.StateTables;
import dev.strata.script.MigrationScript;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays the revision chain on a scratch database with the ordinary {@link Runner}, so the scratch
 * database ends exactly where a real one would: same statements, same transaction modes.
 */
public final class ChainReplay {
    private ChainReplay() {
    }

    /**
     * Upgrades {@code db} to {@code target} ({@code heads}, {@code head}, an id, ...); {@code base} or an
     * empty chain leaves it empty.
     */
    public static void replay(MigrationSet set, String target, ScratchDb db, StateTables tables) {
        if (set.size() == 0 || target.equals("base")) {
            return;
        }
        try (JdbcTarget t = new JdbcTarget(db.connect(), tables, dev.strata.engine.EngineVersion.get())) {
            new Runner(set, t, new RunOptions(Duration.ZERO, dev.strata.engine.EngineVersion.get(), false)
                    .withDeferredBuildsAtOnce(), RunListener.NONE).upgrade(target);
        }
    }

    /** The scripts of {@code set} plus {@code extra}: the chain with one more revision. */
    public static MigrationSet with(MigrationSet set, MigrationScript extra) {
        List<MigrationScript> all = new ArrayList<>();
        for (Revision r : set.graph().all()) {
            all.add(set.script(r.id()));
        }
        all.add(extra);
        return MigrationSet.of(all);
    }
}
