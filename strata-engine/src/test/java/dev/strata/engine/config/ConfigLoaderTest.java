package dev.strata.engine.config;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.run.StateTables;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private static final String EXAMPLE = """
            # strata.toml
            [strata]
            migrations = "db/migrations"
            schema = "ops"
            version_table = "v"
            history_table = "h"
            url = "${DATABASE_URL_DEV}"
            lock_wait = "30s"
            lock_timeout = "2s"
            statement_timeout = "0"

            [environments.production]
            url = "postgresql://app@db.prod/app"
            lock_timeout = "1s"
            statement_timeout = "15min"

            [databases.replica]
            url = "${REPLICA_URL}"
            migrations = "migrations/replica"
            schema = "replica_ops"
            """;

    @Test
    void embeddedOnlyInDevelopment() throws IOException {
        ConfigLoader.Inputs none = ConfigLoader.Inputs.of(dir);
        ConfigLoader.requireEmbeddedAllowed(none);
        ConfigLoader.requireEmbeddedAllowed(none.withEnv("development"));
        ConfigLoader.requireEmbeddedAllowed(none.withEnvironmentVariables(Map.of("ENVIRONMENT", "Development")));
        ConfigLoader.Inputs prod = none.withEnvironmentVariables(Map.of("ENVIRONMENT", "production"));
        assertThat(ConfigLoader.resolve(prod).embedded()).isTrue();  // offline work needs no URL
        assertThatThrownBy(() -> ConfigLoader.requireEmbeddedAllowed(prod))
                .isInstanceOf(StrataException.class).matches(e -> ((StrataException) e).code() == ErrorCode.CONFIG_INVALID)
                .hasMessage("no database URL for environment 'production' (ENVIRONMENT=production): looked at"
                        + " DATABASE_URL_PRODUCTION, DATABASE_URL, url in [environments.production] and url in [strata] of"
                        + " strata.toml; set one of them (the embedded PostgreSQL is for development only)");
        Files.writeString(dir.resolve("strata.toml"), "[environments.production]\nlock_timeout = \"1s\"\n");
        assertThatThrownBy(() -> ConfigLoader.requireEmbeddedAllowed(none.withEnv("prodution")))
                .hasMessage("environment 'prodution' (chosen explicitly) is not configured in strata.toml and has no"
                        + " DATABASE_URL_PRODUTION; did you mean 'production'? (configured: production, development)");
        // a configured environment without a URL names where it looked
        assertThatThrownBy(() -> ConfigLoader.requireEmbeddedAllowed(none.withEnv("production")))
                .hasMessageStartingWith("no database URL for environment 'production' (chosen explicitly)")
                .matches(e -> ((StrataException) e).input().orElseThrow() == StrataException.Input.ENVIRONMENT);
    }

    @Test
    void noConfigFileMeansDefaultsAndEmbedded() {
        Settings s = ConfigLoader.resolve(ConfigLoader.Inputs.of(dir));
        assertThat(s.projectDir()).isEqualTo(dir.toAbsolutePath().normalize());
        assertThat(s.configFile()).isEmpty();
        assertThat(s.migrationsDir()).isEqualTo(s.projectDir().resolve("migrations"));
        assertThat(s.tables()).isEqualTo(StateTables.DEFAULT);
        assertThat(s.url()).isEmpty();
        assertThat(s.urlSource()).isEqualTo(Settings.EMBEDDED);
        assertThat(s.displayUrl()).isEqualTo("embedded");
        assertThat(s.environment()).isEqualTo("development");
        assertThat(s.database()).isEmpty();
        assertThat(s.lockWait()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.lockTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.statementTimeout()).isEqualTo(Duration.ZERO);
        assertThat(s.backup()).isFalse();
    }

    @Test
    void developmentUsesStrataTable() throws IOException {
        write("strata.toml", EXAMPLE);
        Settings s = resolve(ConfigLoader.Inputs.of(dir), Map.of("DATABASE_URL_DEV", "postgresql://u:pw@localhost/dev"));
        assertThat(s.configFile()).contains(dir.resolve("strata.toml"));
        assertThat(s.migrationsDir()).isEqualTo(dir.resolve("db/migrations"));
        assertThat(s.tables()).isEqualTo(new StateTables("ops", "v", "h"));
        assertThat(s.url()).contains("postgresql://u:pw@localhost/dev");
        assertThat(s.urlSource()).isEqualTo("strata.toml [strata]");
        assertThat(s.displayUrl()).isEqualTo("postgresql://u:***@localhost/dev");
        assertThat(s.lockWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.lockTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.backup()).isFalse();
        assertThat(s.toString()).doesNotContain("pw").contains("u:***@localhost");
    }

    @Test
    void environmentOverridesTimingsAndBackup() throws IOException {
        write("strata.toml", EXAMPLE);
        Settings s = resolve(ConfigLoader.Inputs.of(dir).withEnv("production"), Map.of());
        assertThat(s.url()).contains("postgresql://app@db.prod/app");
        assertThat(s.urlSource()).isEqualTo("strata.toml [environments.production]");
        assertThat(s.lockWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.lockTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.statementTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.backup()).isFalse();
        assertThat(s.tables().schema()).isEqualTo("ops");
    }

    @Test
    void operationsSettingsPerEnvironment() throws IOException {
        write("strata.toml", "[preflight]\nextensions = [\"vector\"]\nmin_free_space = \"2GB\"\n"
                + "data_directory = \"/srv/pg\"\nmin_server_version = 15\nlong_transaction = \"1min\"\n"
                + "[backup]\nfolder = \"dumps\"\npg_dump = \"bin/pg_dump\"\n[seeds]\nfolder = \"data/seeds\"\n"
                + "[environments.production]\nbackup = true\nbackup_keep = 3\npreflight = false\n"
                + "[environments.staging]\nbackup = true\nbackup_max_age = \"14d\"\nseed = true\n");
        OpsSettings prod = ConfigLoader.operations(ConfigLoader.Inputs.of(dir).withEnv("production"));
        assertThat(prod.preflight()).isEqualTo(new OpsSettings.Preflight(false, List.of("vector"), 2L << 30,
                Optional.of(Path.of("/srv/pg")), 15, Duration.ofMinutes(1), Duration.ofSeconds(10)));
        assertThat(prod.backup()).isEqualTo(new OpsSettings.Backup(true, dir.resolve("dumps"),
                Optional.of(dir.resolve("bin/pg_dump")), Optional.empty(), 3, Duration.ofDays(30)));
        assertThat(prod.seeds()).isEqualTo(new OpsSettings.Seeds(false, dir.resolve("data/seeds")));
        assertThat(resolve(ConfigLoader.Inputs.of(dir).withEnv("production"), Map.of("DATABASE_URL", "postgresql://x/y"))
                .backup()).isTrue();
        OpsSettings staging = ConfigLoader.operations(ConfigLoader.Inputs.of(dir).withEnv("staging"));
        assertThat(staging.backup().maxAge()).isEqualTo(Duration.ofDays(14));
        assertThat(staging.backup().keep()).isEqualTo(10);
        assertThat(staging.seeds().enabled()).isTrue();
        OpsSettings dev = ConfigLoader.operations(ConfigLoader.Inputs.of(dir));
        assertThat(dev.backup().enabled()).isFalse();
        assertThat(dev.backup().maxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(dev.seeds().enabled()).isTrue();
        assertThat(dev.preflight().enabled()).isTrue();
        assertThat(ConfigLoader.operations(ConfigLoader.Inputs.of(dir).withEnv("test")).seeds().enabled()).isTrue();
    }

    @Test
    void namedDatabaseOverridesUrlMigrationsAndTables() throws IOException {
        write("strata.toml", EXAMPLE);
        Settings s = resolve(ConfigLoader.Inputs.of(dir).withName("replica").withEnv("production"),
                Map.of("REPLICA_URL", "postgresql://replica/app", "DATABASE_URL", "postgresql://primary/app"));
        assertThat(s.url()).contains("postgresql://replica/app");
        assertThat(s.urlSource()).isEqualTo("strata.toml [databases.replica]");
        assertThat(s.database()).contains("replica");
        assertThat(s.migrationsDir()).isEqualTo(dir.resolve("migrations/replica"));
        assertThat(s.tables()).isEqualTo(new StateTables("replica_ops", "v", "h"));
        assertThat(s.lockTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.backup()).isFalse();
    }

    @Test
    void dirFlagWinsAndIsRelativeToWorkingDirectory() throws IOException {
        write("conf/strata.toml", "[strata]\nmigrations = \"revs\"\n");
        ConfigLoader.Inputs in = ConfigLoader.Inputs.of(dir).withConfigFile(Path.of("conf/strata.toml"));
        Settings fromFile = ConfigLoader.resolve(in);
        assertThat(fromFile.projectDir()).isEqualTo(dir.resolve("conf"));
        assertThat(fromFile.migrationsDir()).isEqualTo(dir.resolve("conf/revs"));
        Settings fromFlag = ConfigLoader.resolve(in.withDir(Path.of("other")));
        assertThat(fromFlag.migrationsDir()).isEqualTo(dir.resolve("other"));
    }

    @Test
    void missingExplicitConfigFileIsAnError() {
        fails(ConfigLoader.Inputs.of(dir).withConfigFile(Path.of("nope.toml")))
                .hasMessage("nope.toml: no such file (given as the config file); check the path, or run strata init"
                        + " to create one")
                .matches(e -> ((StrataException) e).input().orElseThrow() == StrataException.Input.CONFIG_FILE);
    }

    // ${VAR} substitution

    @Test
    void variablesAreReplacedAndDollarDollarIsALiteral() throws IOException {
        write("strata.toml", """
                [strata]
                url = "postgresql://${DB_USER}@${DB_HOST}:5432/app"
                migrations = "m/$${literal}/${SUB}"
                schema = "price$"
                """);
        Settings s = resolve(ConfigLoader.Inputs.of(dir), Map.of("DB_USER", "app", "DB_HOST", "h", "SUB", "x"));
        assertThat(s.url()).contains("postgresql://app@h:5432/app");
        assertThat(s.migrationsDir()).isEqualTo(dir.resolve("m/${literal}/x"));
        assertThat(s.tables().schema()).isEqualTo("price$");
    }

    @Test
    void undefinedVariableNamesTheKeyAndTheVariable() throws IOException {
        write("strata.toml", EXAMPLE);
        fails(ConfigLoader.Inputs.of(dir).withName("replica"))
                .hasMessage("strata.toml: [databases.replica] url references ${REPLICA_URL}, which is not set;"
                        + " export REPLICA_URL or give the database URL directly")
                .matches(e -> ((StrataException) e).input().orElseThrow() == StrataException.Input.URL);
    }

    @Test
    void undefinedVariableInAValueThatIsNotUsedIsNoError() throws IOException {
        write("strata.toml", EXAMPLE);
        Settings s = resolve(ConfigLoader.Inputs.of(dir).withEnv("production"), Map.of());
        assertThat(s.urlSource()).isEqualTo("strata.toml [environments.production]");
    }

    @Test
    void variablesInDurations() throws IOException {
        write("strata.toml", "[strata]\nlock_timeout = \"${LT}\"\n");
        assertThat(resolve(ConfigLoader.Inputs.of(dir), Map.of("LT", "250ms")).lockTimeout())
                .isEqualTo(Duration.ofMillis(250));
        fails(ConfigLoader.Inputs.of(dir).withEnvironmentVariables(Map.of("LT", "soon")))
                .hasMessage("strata.toml: [strata] lock_timeout is \"soon\" (after replacing ${...}), not a duration;"
                        + " write e.g. \"500ms\", \"2s\", \"1min\", \"1h\" or \"0\"");
        fails(ConfigLoader.Inputs.of(dir))
                .hasMessage("strata.toml: [strata] lock_timeout references ${LT}, which is not set;"
                        + " export LT or edit the value");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "postgresql://${DB|strata.toml: [strata] url has a ${ without a closing }; write ${NAME}, or $${ for a literal ${",
            "postgresql://${1X}/db|strata.toml: [strata] url references ${1X}, which is not a variable name (letters, digits and _); write $${ for a literal ${",
            "${EMPTY}|strata.toml: [strata] url is empty after replacing ${...}; set the variable it references to a value",
    })
    void badReferences(String value, String message) throws IOException {
        write("strata.toml", "[strata]\nurl = \"" + value + "\"\n");
        fails(ConfigLoader.Inputs.of(dir).withEnvironmentVariables(Map.of("EMPTY", ""))).hasMessage(message);
    }

    // unknown keys and wrong types

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[strata]\\nlock_timout = \"1s\"|strata.toml: unknown key lock_timout in [strata]; did you mean lock_timeout?",
            "[strata]\\nzzz = 1|strata.toml: unknown key zzz in [strata]; known: migrations, schema, version_table, history_table, url, lock_wait, lock_timeout, statement_timeout, java_package, java_classpath, java_sources, schema_dir, dev_url, wait_for_db",
            "[environments.prod]\\nmigrations = \"x\"|strata.toml: unknown key migrations in [environments.prod]; migrations can be set only in [strata] or [databases.NAME]",
            "[databases.replica]\\nbackup = true|strata.toml: unknown key backup in [databases.replica]; backups are switched on per environment: put backup = true in [environments.NAME] (the [backup] table holds folder, pg_dump and pg_restore)",
            "[strata]\\nbackup = true|strata.toml: unknown key backup in [strata]; backups are switched on per environment: put backup = true in [environments.NAME] (the [backup] table holds folder, pg_dump and pg_restore)",
            "[databases.replica]\\nulr = \"x\"|strata.toml: unknown key ulr in [databases.replica]; did you mean url?",
            "[enviroments.prod]\\nurl = \"x\"|strata.toml: unknown table [enviroments]; did you mean [environments]?",
            "[tables]\\nx = 1|strata.toml: unknown table [tables]; the tables are [strata], [environments.NAME], [databases.NAME], [preflight], [backup] and [seeds]",
            "zzz = 1|strata.toml: unknown key zzz outside any table; the tables are [strata], [environments.NAME], [databases.NAME], [preflight], [backup] and [seeds]",
            "url = \"x\"|strata.toml: key url is outside any table; put it under [strata]",
            "[strata.sub]\\nurl = \"x\"|strata.toml: unknown key sub in [strata]; known: migrations, schema, version_table, history_table, url, lock_wait, lock_timeout, statement_timeout, java_package, java_classpath, java_sources, schema_dir, dev_url, wait_for_db",
            "[strata]\\nlock_wait = 60|strata.toml: [strata] lock_wait must be a string like \"2s\", not the integer 60",
            "[strata]\\nschema = [\"a\"]|strata.toml: [strata] schema must be a string, not an array",
            "[strata]\\nschema = \"\"|strata.toml: [strata] schema is empty; give a value or remove the line to use the default",
            "environments = 3|strata.toml: [environments] must hold tables like [environments.production], not the integer 3",
            "[databases]\\nreplica = \"x\"|strata.toml: databases.replica must be a table like [databases.replica], not the string \"x\"",
            "[environments.\"eu west\"]\\nbackup = 1|strata.toml: [environments.\"eu west\"] backup must be true or false, not the integer 1",
            "[environments.prod]\\nbackup_keep = -1|strata.toml: [environments.prod] backup_keep must be a whole number of 0 or more, not the integer -1",
            "[preflight]\\nextension = [\"x\"]|strata.toml: unknown key extension in [preflight]; did you mean extensions?",
            "[backup]\\npg_dumb = \"x\"|strata.toml: unknown key pg_dumb in [backup]; did you mean pg_dump?",
            "[preflight]\\nmin_free_space = \"lots\"|strata.toml: [preflight] min_free_space is \"lots\", not a size; write it like \"500MB\" or \"2GB\"",
            "[strata]\\njava_classpath = \"build/classes\"|strata.toml: [strata] java_classpath must be an array of strings like [\"build/classes/java/main\", \"lib/migrations.jar\"], not the string \"build/classes\"",
            "[strata]\\njava_classpath = [\"a\", 1]|strata.toml: [strata] java_classpath must hold only non-empty strings like [\"build/classes/java/main\", \"lib/migrations.jar\"], not the integer 1",
            "[strata]\\njava_package = \"com.acme-x\"|strata.toml: [strata] java_package is \"com.acme-x\", not a Java package name; write it like \"com.acme.migrations\"",
            "[environments.prod]\\njava_package = \"a\"|strata.toml: unknown key java_package in [environments.prod]; java_package can be set only in [strata]",
    })
    void unknownKeysAndWrongTypes(String toml, String message) throws IOException {
        write("strata.toml", toml.replace("\\n", "\n"));
        fails(ConfigLoader.Inputs.of(dir)).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2 secs|write e.g. \"500ms\", \"2s\", \"1min\", \"1h\" or \"0\"",
            "5|add a unit, e.g. \"5s\" or \"5ms\"",
            "15m|write \"15min\" for minutes",
            "-1s|write e.g. \"500ms\", \"2s\", \"1min\", \"1h\" or \"0\"",
            "1.5s|write e.g. \"500ms\", \"2s\", \"1min\", \"1h\" or \"0\"",
    })
    void badDurationsAreRejectedEvenInUnusedEnvironments(String value, String hint) throws IOException {
        write("strata.toml", "[environments.production]\nstatement_timeout = \"" + value + "\"\n");
        fails(ConfigLoader.Inputs.of(dir))
                .hasMessage("strata.toml: [environments.production] statement_timeout is \"" + value
                        + "\", not a duration; " + hint);
    }

    // syntax errors

    @Test
    void syntaxErrorNamesFileLineAndColumn() throws IOException {
        write("strata.toml", "[strata]\nschema = \"ops\"\nmigrations = \n");
        fails(ConfigLoader.Inputs.of(dir))
                .hasMessage("strata.toml:3:14: Newline not permitted here; fix the TOML syntax");
    }

    @Test
    void duplicateKeyIsASyntaxError() throws IOException {
        write("conf/s.toml", "[strata]\nschema = \"a\"\nschema = \"b\"\n");
        fails(ConfigLoader.Inputs.of(dir).withConfigFile(Path.of("conf/s.toml")))
                .hasMessageStartingWith("conf" + java.io.File.separator + "s.toml:")
                .hasMessageEndingWith(": Duplicate key; each key and table may appear only once");
    }

    // -n

    @Test
    void unknownNamedDatabaseListsTheNamesThatExist() throws IOException {
        write("strata.toml", "[databases.primary]\nurl = \"postgresql://p/db\"\n"
                + "[databases.replica]\nurl = \"postgresql://r/db\"\n");
        fails(ConfigLoader.Inputs.of(dir).withName("replcia"))
                .hasMessage("strata.toml has no [databases.replcia] for the named database 'replcia'; the named"
                        + " databases are primary, replica; did you mean replica?")
                .matches(e -> ((StrataException) e).input().orElseThrow() == StrataException.Input.DATABASE_NAME);
        fails(ConfigLoader.Inputs.of(dir).withName("analytics"))
                .hasMessage("strata.toml has no [databases.analytics] for the named database 'analytics'; the named"
                        + " databases are primary, replica");
    }

    @Test
    void namedDatabaseWithoutAnyDatabasesOrFile() throws IOException {
        fails(ConfigLoader.Inputs.of(dir).withName("replica"))
                .hasMessage("the named database 'replica' was chosen, but there is no strata.toml; run strata"
                        + " init and add a [databases.replica] table with a url, or choose no named database");
        write("strata.toml", "[strata]\n");
        fails(ConfigLoader.Inputs.of(dir).withName("replica"))
                .hasMessage("strata.toml defines no named databases, so the named database 'replica' matches nothing;"
                        + " add a [databases.replica] table with a url, or choose no named database");
    }

    // URLs

    @Test
    void acceptsEveryPostgresUrlForm() {
        for (String url : new String[] {"postgresql://h/db", "postgres://u:p@h/db", "jdbc:postgresql://h:5432/db",
                "jdbc:postgresql:db", "POSTGRESQL://H/DB"}) {
            assertThat(ConfigLoader.resolve(ConfigLoader.Inputs.of(dir).withUrl(url)).url()).contains(url);
        }
    }

    @Test
    void rejectsOtherUrlsWithoutEchoingThem() {
        assertThatThrownBy(() -> ConfigLoader.resolve(ConfigLoader.Inputs.of(dir).withEnvironmentVariables(
                Map.of("DATABASE_URL", "postgresql+psycopg2://u:secret@h/db"))))
                .isInstanceOf(StrataException.class)
                .hasMessage("the database URL from DATABASE_URL is not a PostgreSQL URL (it starts with"
                        + " postgresql+psycopg2://); write postgresql://user@host:5432/db or"
                        + " jdbc:postgresql://host:5432/db; drop the +driver part of the SQLAlchemy form")
                .extracting(e -> ((StrataException) e).code()).isEqualTo(ErrorCode.URL_INVALID);
        assertThatThrownBy(() -> ConfigLoader.resolve(ConfigLoader.Inputs.of(dir).withUrl("u:secret@h")))
                .hasMessageNotContaining("secret")
                .hasMessageStartingWith("the database URL from --url is not a PostgreSQL URL;");
    }

    @Test
    void javaKeysResolveRelativeToTheConfigFile() throws IOException {
        write("conf/strata.toml", "[strata]\njava_package = \"com.acme.migrations\"\n"
                + "java_classpath = [\"build/classes\", \"${LIB}/m.jar\"]\njava_sources = \"src\"\n");
        Settings s = resolve(ConfigLoader.Inputs.of(dir).withConfigFile(Path.of("conf/strata.toml")), Map.of("LIB", "lib"));
        assertThat(s.java().packageName()).contains("com.acme.migrations");
        assertThat(s.java().classpath()).containsExactly(dir.resolve("conf/build/classes"), dir.resolve("conf/lib/m.jar"));
        assertThat(s.java().sources()).isEqualTo(dir.resolve("conf/src"));
        assertThat(s.java().enabled()).isTrue();

        Settings none = ConfigLoader.resolve(ConfigLoader.Inputs.of(dir));
        assertThat(none.java()).isEqualTo(JavaSettings.none(dir));
        assertThat(none.java().enabled()).isFalse();
        assertThat(none.java().sources()).isEqualTo(dir.resolve("src/main/java"));
    }

    @Test
    void blankFlagsAreErrors() {
        fails(ConfigLoader.Inputs.of(dir).withUrl(" ")).hasMessage("the database URL given is empty; give a URL, or"
                + " none to use the configured one")
                .matches(e -> ((StrataException) e).input().orElseThrow() == StrataException.Input.URL);
        fails(ConfigLoader.Inputs.of(dir).withEnv("")).hasMessageStartingWith("the environment given is empty;")
                .matches(e -> ((StrataException) e).input().orElseThrow() == StrataException.Input.ENVIRONMENT);
    }

    @Test
    void settingsRejectInconsistentUrlAndSource() {
        Settings s = ConfigLoader.resolve(ConfigLoader.Inputs.of(dir));
        assertThatThrownBy(() -> s.withUrl(Optional.empty(), "--url")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withUrl(Optional.of("postgresql://h/db"), Settings.EMBEDDED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(s.withUrl(Optional.of("postgresql://h/db"), "--url").embedded()).isFalse();
    }

    private Settings resolve(ConfigLoader.Inputs in, Map<String, String> vars) {
        return ConfigLoader.resolve(in.withEnvironmentVariables(vars));
    }

    private AbstractThrowableAssert<?, ? extends Throwable> fails(ConfigLoader.Inputs in) {
        return assertThatThrownBy(() -> ConfigLoader.resolve(in))
                .isInstanceOf(StrataException.class)
                .satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.CONFIG_INVALID));
    }

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}
