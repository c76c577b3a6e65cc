package dev.strata.embedded;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedServerTest {
    @TempDir
    Path project;

    @Test
    void dataPersistsAcrossStartsAndASecondUserWaitsForTheFirst() throws Exception {
        long t0 = System.nanoTime();
        EmbeddedServer first = EmbeddedServer.attachOrStart(project);
        long firstStart = millisSince(t0);
        CompletableFuture<EmbeddedServer> second;
        try {
            assertThat(first.ownedByThisProcess()).isTrue();
            assertThat(first.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + first.port() + "/strata?user=postgres");
            execute(first.jdbcUrl(), "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
            assertThat(project.resolve(".strata/pgdata/PG_VERSION")).exists();
            assertThat(project.resolve(".strata/.gitignore")).hasContent("# Strata's local embedded PostgreSQL; never commit it\n*");

            assertThatThrownBy(() -> EmbeddedServer.attachOrStart(project, Duration.ofMillis(300)))
                    .isInstanceOf(StrataException.class)
                    .hasMessageContaining("still in use by process " + ProcessHandle.current().pid())
                    .satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.EMBEDDED_FAILED));

            second = CompletableFuture.supplyAsync(() -> EmbeddedServer.attachOrStart(project, Duration.ofMinutes(1)));
            Thread.sleep(500);
            assertThat(second).isNotDone();
        } finally {
            first.close();
        }
        long t1 = System.nanoTime();
        try (EmbeddedServer later = second.get(1, TimeUnit.MINUTES)) {
            long laterStart = millisSince(t1);
            assertThat(later.ownedByThisProcess()).isTrue();
            assertThat(queryOne(later.jdbcUrl(), "SELECT v FROM kept")).isEqualTo("still here");
            System.out.println("embedded start with initdb: " + firstStart + " ms; later start: " + laterStart + " ms");
        }
        assertThat(DevServerTest.accepts(first.port())).isFalse();
    }

    static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    static void execute(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String queryOne(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
