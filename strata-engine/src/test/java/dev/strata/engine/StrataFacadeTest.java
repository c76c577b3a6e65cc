package dev.strata.engine;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.run.RunEvent;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The library facade over a DataSource and a folder: runs, events, status, history, offline SQL, check. */
class StrataFacadeTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private Strata strata(List<RunEvent> events, boolean ignoreUnknown) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(db.jdbcUrl());
        return Strata.configure().dataSource(ds).workingDir(dir).locations("db").listener(events::add)
                .devUrl(db.adminJdbcUrl()).schemaDir(Path.of("schema")).ignoreUnknown(ignoreUnknown).load();
    }

    private void files() throws Exception {
        Files.createDirectories(dir.resolve("db"));
        Jars.twoRevisions().forEach((name, text) -> {
            try {
                Files.writeString(dir.resolve("db").resolve(name), text);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Files.createDirectories(dir.resolve("schema"));
        Files.writeString(dir.resolve("schema/users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL,"
                + " email text);");
    }

    @Test
    void runsStatusHistoryAndEvents() throws Exception {
        files();
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        Strata strata = strata(events, false);

        Status before = strata.status();
        assertThat(before.pending()).extracting(Status.PendingRevision::revision).containsExactly("r001", "r002");
        assertThat(strata.offlineSql("base:latest")).contains("CREATE TABLE users").contains("ADD COLUMN email");

        events.clear();  // the offline run reported its steps too
        Strata.RunResult up = strata.upgrade("head");
        assertThat(up.steps()).extracting(Strata.RunResult.StepSummary::revision).containsExactly("r001", "r002");
        List<Class<?>> kinds = new ArrayList<>();
        events.stream().filter(e -> !(e instanceof RunEvent.Notice)).forEach(e -> kinds.add(e.getClass()));
        assertThat(kinds).containsExactly(RunEvent.RunStarted.class, RunEvent.StepStarted.class, RunEvent.StepFinished.class,
                RunEvent.StepStarted.class, RunEvent.StepFinished.class, RunEvent.RunFinished.class);

        Status after = strata.check();
        assertThat(after.upToDate()).as(after.toString()).isTrue();
        assertThat(after.current()).containsExactly("r002");
        assertThat(after.history()).extracting(r -> r.revision()).containsExactly("r001", "r002");
        assertThat(strata.history()).extracting(r -> r.revision()).containsExactly("r001", "r002");

        assertThat(strata.downgrade("r001").steps()).extracting(Strata.RunResult.StepSummary::direction)
                .containsExactly("downgrade");
        assertThat(strata.status().pending()).extracting(Status.PendingRevision::revision).containsExactly("r002");
    }

    @Test
    void stampRepairAndAcceptChecksum() throws Exception {
        files();
        Strata strata = strata(new CopyOnWriteArrayList<>(), false);
        assertThat(strata.stamp("r001")).containsExactly("r001");
        assertThat(strata.status().current()).containsExactly("r001");
        assertThat(strata.history()).extracting(r -> r.action().sql()).containsExactly("stamp-up");
        assertThat(strata.repair()).isEmpty();
        assertThat(strata.stamp("base")).isEmpty();
        assertThat(strata.upgrade("head").steps()).hasSize(2);

        Path r2 = dir.resolve("db/002_email.sql");
        Files.writeString(r2, Files.readString(r2).replace("email text", "email varchar"));
        assertThat(strata.status().checksumMismatches()).extracting(Status.ChecksumMismatch::revision)
                .containsExactly("r002");
        strata.acceptChecksum("r002");
        assertThat(strata.status().checksumMismatches()).isEmpty();
    }

    @Test
    void autogenerateWritesARevisionIntoTheFolder() throws Exception {
        files();
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        Strata strata = strata(events, false);
        Files.writeString(dir.resolve("schema/users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL,"
                + " email text, phone text);");
        Autogenerate.Result r = strata.autogenerate("add phone", dev.strata.engine.schema.RenameConfirmation.REFUSE);
        assertThat(r.file()).isPresent();
        assertThat(r.file().get().getParent()).isEqualTo(dir.resolve("db"));
        assertThat(r.notExpressed()).isEmpty();
        assertThat(Files.readString(r.file().get())).contains("-- strata:parents r002").contains("ADD COLUMN \"phone\" text");
        assertThat(strata.upgrade("head").steps()).hasSize(3);
        assertThat(strata.check().upToDate()).isTrue();
    }

    @Test
    void aFailingStepIsAnEventAndAnError() throws Exception {
        files();
        Files.writeString(dir.resolve("db/003_bad.sql"), "-- strata:revision r003\n-- strata:parents r002\n"
                + "-- strata:message Bad\n\n-- strata:upgrade\nALTER TABLE nowhere ADD COLUMN x int;\n\n"
                + "-- strata:downgrade\nSELECT 1;\n");
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> strata(events, false).upgrade("head")).isInstanceOf(StrataException.class)
                .hasMessageContaining("nowhere");
        assertThat(events).filteredOn(e -> e instanceof RunEvent.StepFailed).singleElement()
                .matches(e -> ((RunEvent.StepFailed) e).step().id().value().equals("r003"));
        assertThat(events).noneMatch(e -> e instanceof RunEvent.RunFinished);
    }

    @Test
    void unknownAppliedRevisionsAreRefusedUnlessIgnored() throws Exception {
        files();
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        strata(events, false).upgrade("head");
        Files.delete(dir.resolve("db/002_email.sql"));
        Strata strict = strata(events, false);
        assertThat(strict.status().unknownApplied()).containsExactly("r002");
        assertThat(strict.status().pending()).isEmpty();
        assertThatThrownBy(() -> strict.upgrade("head")).isInstanceOf(StrataException.class)
                .matches(e -> ((StrataException) e).code() == ErrorCode.APPLIED_REVISION_MISSING)
                .hasMessageContaining("the database has 1 revision(s) this folder does not know: r002");
        assertThat(strata(events, true).upgrade("head").steps()).isEmpty();
    }

    @Test
    void importsAFlywayFolderAndStampsTheDatabase() throws Exception {
        Files.createDirectories(dir.resolve("flyway"));
        Files.writeString(dir.resolve("flyway/V1__users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        Files.writeString(dir.resolve("flyway/U1__users.sql"), "DROP TABLE users;\n");
        Files.writeString(dir.resolve("flyway/V2__email.sql"), "ALTER TABLE users ADD COLUMN email text;\n");
        Strata strata = strata(new ArrayList<>(), false);
        var result = strata.importMigrations(Path.of("flyway"), dev.strata.engine.adopt.ImportFormat.AUTO, "V1");
        assertThat(result.revisions()).extracting(dev.strata.engine.adopt.Importer.Written::revision)
                .containsExactly("V1", "V2");
        assertThat(result.revisions().get(1).irreversible()).isEqualTo("imported without a downgrade");
        assertThat(result.stampedAt()).containsExactly("V1");
        assertThat(strata.status().pending()).extracting(Status.PendingRevision::revision).containsExactly("V2");
        assertThatThrownBy(() -> strata.baseline(null, "baseline")).isInstanceOf(StrataException.class)
                .hasMessageContaining("already has 2 revision(s)");
    }
}
