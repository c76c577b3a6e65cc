package dev.strata.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the floor, Flyway, Liquibase and Alembic sides against the real server on 127.0.0.1:5432, in process and as children. */
class BenchAgainstPostgresTest {

    private static final ScratchDatabases DATABASES = new ScratchDatabases(BenchOptions.DEFAULT_URL);

    @TempDir
    Path work;

    @Test
    void floorAndFlywayCreateEveryTableAndFlywaysSecondRunIsANoOp() throws Exception {
        Generate.write(work, 5);
        String floorDb = "bench_test_floor";
        String flywayDb = "bench_test_flyway";
        DATABASES.recreate(floorDb);
        DATABASES.recreate(flywayDb);
        try {
            assertThat(FloorMain.apply(DATABASES.urlFor(floorDb), Generate.flywayDir(work))).isEqualTo(5);
            assertThat(DATABASES.benchTables(floorDb)).isEqualTo(5);

            String dir = Generate.flywayDir(work).toString();
            assertThat(FlywayMain.migrate(DATABASES.urlFor(flywayDb), dir)).isEqualTo(5);
            assertThat(DATABASES.benchTables(flywayDb)).isEqualTo(5);
            assertThat(FlywayMain.migrate(DATABASES.urlFor(flywayDb), dir)).isZero();
        } finally {
            DATABASES.drop(floorDb);
            DATABASES.drop(flywayDb);
        }
    }

    @Test
    void scratchDatabasesAreMadeInTheTablespaceAsked() throws Exception {
        ScratchDatabases inDefault = new ScratchDatabases(BenchOptions.DEFAULT_URL, "pg_default");
        String db = "bench_test_tablespace";
        inDefault.recreate(db);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(BenchOptions.DEFAULT_URL);
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT t.spcname FROM pg_database d"
                     + " JOIN pg_tablespace t ON t.oid = d.dattablespace WHERE d.datname = '" + db + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("pg_default");
        } finally {
            inDefault.drop(db);
        }
        assertThat(inDefault.tablespaceProblem()).isNull();
        assertThat(new ScratchDatabases(BenchOptions.DEFAULT_URL, "no_such_space").tablespaceProblem())
                .isEqualTo("--tablespace no_such_space: the server has no such tablespace; create it first"
                        + " (CREATE TABLESPACE \"no_such_space\" LOCATION '...'), or leave the option out");
        assertThat(new ScratchDatabases(BenchOptions.DEFAULT_URL).tablespaceProblem()).isNull();
    }

    @Test
    void theMemoryCheckPrintsPeakRssPerCountAndItsVerdicts() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        ChildLauncher launcher = new ChildLauncher(java.util.List.of(), System.getProperty("java.class.path"),
                work.resolve("logs"));

        boolean ok = new MemoryCheck(java.util.List.of(Tool.FLYWAY), new int[] {2, 3, 5}, out, DATABASES, launcher, work)
                .run();

        String report = buffer.toString(StandardCharsets.UTF_8);
        assertThat(ok).as(report).isTrue();
        assertThat(report)
                .containsPattern("flyway +5 revisions +\\d+ ms +peak RSS +\\d+\\.\\d MB")
                .containsPattern("(?m)^flyway +\\d+\\.\\d MB")
                .contains("strata RSS grows at most linearly: n/a")
                .contains("strata peak RSS vs flyway: n/a");
        assertThat(BenchOptions.parse(new String[] {"--memory-check", "--tools", "flyway,strata"}).memoryCheck()).isTrue();
    }

    @Test
    void theOrchestratorRunsChildJvmsAndPrintsTheTables() throws Exception {
        BenchOptions options = BenchOptions.parse(new String[] {
            "--count", "3", "--repeat", "1", "--tools", "floor,flyway,liquibase,alembic", "--work", work.toString()});
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        boolean ok = new ApplyBenchmark(options, new PrintStream(buffer, true, StandardCharsets.UTF_8)).run();

        String report = buffer.toString(StandardCharsets.UTF_8);
        assertThat(ok).as(report).isTrue();
        assertThat(report)
                .contains("server:  PostgreSQL")
                .containsPattern("round 1 floor +apply +\\d+ ms")
                .containsPattern("round 1 floor +downgrade +\\d+ ms")
                .containsPattern("round 1 flyway +noop +\\d+ ms")
                .containsPattern("round 1 liquibase +downgrade +\\d+ ms")
                .containsPattern("round 1 alembic +downgrade +\\d+ ms")
                .containsPattern("(?m)^flyway +\\d+ ms +\\d+\\.\\d\\dx +1\\.00x")
                .containsPattern("(?m)^strata +not run")
                .contains("strata apply vs floor            1.00x   n/a");
    }
}
