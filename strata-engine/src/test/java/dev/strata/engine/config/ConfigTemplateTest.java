package dev.strata.engine.config;

import dev.strata.run.StateTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigTemplateTest {
    @TempDir
    Path dir;

    @Test
    void templateAsWrittenGivesTheDefaults() throws IOException {
        Files.writeString(dir.resolve("strata.toml"), ConfigTemplate.text());
        Settings fromTemplate = ConfigLoader.resolve(ConfigLoader.Inputs.of(dir));
        Files.delete(dir.resolve("strata.toml"));
        Settings withoutFile = ConfigLoader.resolve(ConfigLoader.Inputs.of(dir));

        assertThat(fromTemplate.withUrl(withoutFile.url(), withoutFile.urlSource()))
                .usingRecursiveComparison().ignoringFields("configFile").isEqualTo(withoutFile);
        assertThat(fromTemplate.embedded()).isTrue();
    }

    @Test
    void templateMentionsEveryKey() {
        String text = ConfigTemplate.text();
        for (String key : ConfigParser.STRATA_KEYS.keySet()) {
            assertThat(text).containsPattern("(?m)^(# )?" + key + " = ");
        }
        assertThat(text).contains("# [environments.production]").contains("# [databases.replica]");
    }

    @Test
    void uncommentedExamplesAreValid() throws IOException {
        String uncommented = ConfigTemplate.text().replaceAll("(?m)^# (\\[|[a-z_]+ = )", "$1");
        Files.writeString(dir.resolve("strata.toml"), uncommented);
        Map<String, String> vars = Map.of("DATABASE_URL_DEV", "postgresql://dev/db",
                "PRODUCTION_DATABASE_URL", "postgresql://prod/db", "REPLICA_URL", "postgresql://replica/db");
        ConfigLoader.Inputs in = ConfigLoader.Inputs.of(dir).withEnvironmentVariables(vars);

        assertThat(ConfigLoader.resolve(in).urlSource()).isEqualTo("strata.toml [strata]");
        Settings prod = ConfigLoader.resolve(in.withEnv("production"));
        assertThat(prod.url()).contains("postgresql://prod/db");
        assertThat(prod.statementTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(prod.backup()).isTrue();
        Settings replica = ConfigLoader.resolve(in.withName("replica"));
        assertThat(replica.url()).contains("postgresql://replica/db");
        assertThat(replica.migrationsDir()).isEqualTo(dir.resolve("migrations/replica"));
        assertThat(replica.tables()).isEqualTo(StateTables.DEFAULT);
    }

    @Test
    void templateUsesTheGivenMigrationsFolder() throws IOException {
        Files.writeString(dir.resolve("strata.toml"), ConfigTemplate.text("db/revisions"));
        assertThat(ConfigLoader.resolve(ConfigLoader.Inputs.of(dir)).migrationsDir())
                .isEqualTo(dir.resolve("db/revisions"));
    }
}
