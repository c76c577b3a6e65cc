package dev.strata.engine.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of the operations around {@code upgrade}: the pre-checks, the backup and the seed data, for one
 * environment. Resolved by {@link ConfigLoader#operations} from {@code [preflight]}, {@code [backup]},
 * {@code [seeds]} and the environment's table; {@link #defaults} gives the same without a file.
 *
 * @param preflight the pre-checks
 * @param backup    the backup before an upgrade
 * @param seeds     the seed data loaded after an upgrade
 */
public record OpsSettings(Preflight preflight, Backup backup, Seeds seeds) {
    /** Development and test load seed data unless told otherwise; every other environment only when told. */
    public static final List<String> SEEDED_ENVIRONMENTS = List.of("development", "test");

    public OpsSettings {
        Objects.requireNonNull(preflight, "preflight");
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(seeds, "seeds");
    }

    /** The defaults for {@code environment}, with folders relative to {@code projectDir}. */
    public static OpsSettings defaults(String environment, Path projectDir) {
        return new OpsSettings(
                new Preflight(true, List.of(), 0, Optional.empty(), 0, Preflight.LONG_TRANSACTION,
                        Preflight.LOCK_HOLDER_AGE),
                new Backup(false, projectDir.resolve(Backup.FOLDER), Optional.empty(), Optional.empty(), Backup.KEEP,
                        Backup.maxAge(environment)),
                new Seeds(SEEDED_ENVIRONMENTS.contains(environment.toLowerCase(java.util.Locale.ROOT)),
                        projectDir.resolve(Seeds.FOLDER)));
    }

    /**
     * The pre-checks ({@code [preflight]}).
     *
     * @param enabled          whether upgrade runs them first ({@code preflight = false} in the environment's table
     *                         turns them off)
     * @param extensions       extensions that must be available, besides those the pending revisions create
     * @param minFreeBytes     free space the data directory must keep after the pending revisions' estimate
     * @param dataDirectory    a local path on the data directory's file system, checked instead of asking the server
     * @param minServerVersion the lowest server major version accepted (0: any)
     * @param longTransaction  how old a transaction must be to count as long-running
     * @param lockHolderAge    how old the transaction of a session holding a lock the pending DDL needs must be to
     *                         fail the check; younger ones only warn (the run waits for them with lock_timeout retries)
     */
    public record Preflight(boolean enabled, List<String> extensions, long minFreeBytes, Optional<Path> dataDirectory,
                            int minServerVersion, Duration longTransaction, Duration lockHolderAge) {
        public static final Duration LONG_TRANSACTION = Duration.ofMinutes(5);
        public static final Duration LOCK_HOLDER_AGE = Duration.ofSeconds(10);

        public Preflight {
            extensions = List.copyOf(extensions);
            Objects.requireNonNull(dataDirectory, "dataDirectory");
            Objects.requireNonNull(longTransaction, "longTransaction");
            Objects.requireNonNull(lockHolderAge, "lockHolderAge");
        }
    }

    /**
     * The backup before an upgrade ({@code backup} keys of the environment, {@code [backup]}).
     *
     * @param enabled   whether upgrade takes a backup when something is pending
     * @param folder    where the dumps go
     * @param pgDump    the pg_dump to use, when configured
     * @param pgRestore the pg_restore to use, when configured
     * @param keep      how many of this database's dumps to keep (0: no limit)
     * @param maxAge    how old a dump may get before it is deleted (0: no limit)
     */
    public record Backup(boolean enabled, Path folder, Optional<Path> pgDump, Optional<Path> pgRestore, int keep,
                         Duration maxAge) {
        public static final String FOLDER = "backups";
        public static final int KEEP = 10;

        public Backup {
            Objects.requireNonNull(folder, "folder");
            Objects.requireNonNull(pgDump, "pgDump");
            Objects.requireNonNull(pgRestore, "pgRestore");
            Objects.requireNonNull(maxAge, "maxAge");
        }

        /** Seed 003's retention: 30 days for production, 7 days elsewhere. */
        public static Duration maxAge(String environment) {
            return environment.equalsIgnoreCase("production") ? Duration.ofDays(30) : Duration.ofDays(7);
        }
    }

    /**
     * The seed data ({@code seed} key of the environment, {@code [seeds]}).
     *
     * @param enabled whether upgrade loads them in this environment
     * @param folder  the seed folder: its files load everywhere seeding is on, {@code folder/ENV/} only in ENV
     */
    public record Seeds(boolean enabled, Path folder) {
        public static final String FOLDER = "seeds";

        public Seeds {
            Objects.requireNonNull(folder, "folder");
        }
    }
}
