package dev.strata.postgres;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.run.LockHolder;
import dev.strata.run.StateTables;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.strata.postgres.Targets.scalar;
import static dev.strata.postgres.Targets.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JdbcTargetLockTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @Test
    void aSecondRunnerWaitsSeesTheHolderAndTimesOut() {
        try (JdbcTarget first = Targets.open(db); JdbcTarget second = Targets.open(db)) {
            Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            first.lock(Duration.ofSeconds(1), h -> { });
            assertThat(first.holdsLock()).isTrue();
            int holderPid = first.backendPid();

            List<LockHolder> seen = new CopyOnWriteArrayList<>();
            long start = System.nanoTime();
            StrataException e = catchThrowableOfType(() -> second.lock(Duration.ofMillis(2500), seen::add),
                    StrataException.class);
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
            assertThat(waited).isBetween(Duration.ofMillis(2400), Duration.ofMillis(4000));
            assertThat(seen).hasSizeBetween(2, 3); // at most once a second
            LockHolder h = seen.get(0);
            assertThat(h.pid()).isEqualTo(holderPid);
            assertThat(h.applicationName()).startsWith("strata (locked ");
            assertThat(h.since()).isBetween(before.minusSeconds(2), Instant.now().plusSeconds(2));
            assertThat(h.user()).isNotBlank();
            assertThat(e.getMessage()).startsWith("could not take the migration lock on database " + db.name()
                            + " within 2500ms: held by pid " + holderPid + " (strata (locked ")
                    .endsWith("; retry later, or raise --lock-wait");
            assertThat(second.holdsLock()).isFalse();
        }
    }

    @Test
    void afterTheHolderClosesTheWaiterAcquires() throws Exception {
        JdbcTarget first = Targets.open(db);
        try (JdbcTarget second = Targets.open(db)) {
            first.lock(Duration.ZERO, h -> { });
            CountDownLatch waiting = new CountDownLatch(1);
            CompletableFuture<Void> acquired = CompletableFuture.runAsync(
                    () -> second.lock(Duration.ofSeconds(20), h -> waiting.countDown()));
            assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
            first.close();
            acquired.get(10, TimeUnit.SECONDS);
            assertThat(second.holdsLock()).isTrue();
            assertThat(second.lockHolder()).isNull(); // nobody else holds it
        }
    }

    @Test
    void unlockRestoresTheApplicationNameAndFreesTheLock() throws Exception {
        try (JdbcTarget first = Targets.open(db); JdbcTarget second = Targets.open(db); Connection c = db.connect()) {
            int pid = first.backendPid();
            first.lock(Duration.ZERO, h -> { });
            first.lock(Duration.ZERO, h -> { }); // taking it again while held changes nothing
            assertThat(scalar(c, "SELECT application_name FROM pg_stat_activity WHERE pid = " + pid))
                    .matches("strata \\(locked \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\)");
            first.unlock();
            first.unlock();
            assertThat(scalar(c, "SELECT application_name FROM pg_stat_activity WHERE pid = " + pid)).isEqualTo("strata");
            second.lock(Duration.ZERO, h -> { });
            assertThat(second.holdsLock()).isTrue();
        }
    }

    @Test
    void differentTablesMeanDifferentLocks() {
        try (JdbcTarget first = Targets.open(db);
             JdbcTarget other = Targets.open(db, new StateTables("public", "other_version", "other_history"))) {
            first.lock(Duration.ZERO, h -> { });
            other.lock(Duration.ZERO, h -> { });
            assertThat(other.holdsLock()).isTrue();
        }
    }

    @Test
    void aLongApplicationNameStillShowsWhenTheLockWasTaken() {
        Connection c = PgConnections.open(PgUrl.parse(db.jdbcUrl()), "strata upgrade head --env production-eu-west-1");
        try (JdbcTarget first = new JdbcTarget(c, StateTables.DEFAULT, "t"); JdbcTarget second = Targets.open(db)) {
            first.lock(Duration.ZERO, h -> { });
            LockHolder h = second.lockHolder();
            assertThat(h.applicationName()).startsWith("strata upgrade head --env produc").contains("(locked ");
            assertThat(h.since()).isNotNull();
        }
    }

    @Test
    @Timeout(30)
    void waitingRunnersDoNotBlockAConcurrentIndexBuildOfTheHolder() throws Exception {
        try (JdbcTarget holder = Targets.open(db); JdbcTarget waiter = Targets.open(db)) {
            holder.runEach(sql("CREATE TABLE big (id int)", "INSERT INTO big SELECT generate_series(1, 20000)"));
            holder.lock(Duration.ZERO, h -> { });
            AtomicBoolean polling = new AtomicBoolean();
            CountDownLatch waiting = new CountDownLatch(1);
            CompletableFuture<Void> waiterRun = CompletableFuture.runAsync(() -> waiter.lock(Duration.ofSeconds(25),
                    h -> {
                        polling.set(true);
                        waiting.countDown();
                    }));
            assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
            // two index builds, so the waiter polls during them for a good while
            holder.runEach(sql("CREATE INDEX CONCURRENTLY big_id ON big (id)",
                    "CREATE INDEX CONCURRENTLY big_id2 ON big ((id + 1))"));
            assertThat(waiterRun).isNotDone();
            holder.unlock();
            waiterRun.get(10, TimeUnit.SECONDS);
            assertThat(polling).isTrue();
            try (Connection c = db.connect()) {
                assertThat(scalar(c, "SELECT count(*) FROM pg_index WHERE indisvalid AND indrelid = 'big'::regclass"))
                        .isEqualTo("2");
            }
        }
    }

    @Test
    void lockedSinceIsReadBackFromTheApplicationName() {
        assertThat(AdvisoryLock.lockedSince("strata (locked 2026-11-21T09:00:03Z)"))
                .isEqualTo(Instant.parse("2026-11-21T09:00:03Z"));
        assertThat(AdvisoryLock.lockedSince("psql")).isNull();
        assertThat(AdvisoryLock.lockedSince(null)).isNull();
    }
}
