package dev.strata.engine.config;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every combination of URL sources, with and without -n, against the documented order. */
class UrlPrecedenceTest {
    /** The sources, in the order they win without -n. */
    enum Source { FLAG, VAR_FOR_ENV, VAR, ENV_TABLE, STRATA_TABLE }

    @TempDir
    Path dir;

    static Stream<Arguments> combinations() {
        List<Arguments> out = new ArrayList<>();
        for (int mask = 0; mask < 32; mask++) {
            Set<Source> present = EnumSet.noneOf(Source.class);
            for (Source s : Source.values()) {
                if ((mask & (1 << s.ordinal())) != 0) {
                    present.add(s);
                }
            }
            out.add(Arguments.of(present, false));
            out.add(Arguments.of(present, true));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, -n replica: {1}")
    @MethodSource("combinations")
    void firstPresentSourceWins(Set<Source> present, boolean named) throws IOException {
        Settings s = ConfigLoader.resolve(inputs(present, named));
        if (present.isEmpty() && !named) {
            // production without any URL: resolved as embedded, but the embedded server is for development only
            assertThatThrownBy(() -> ConfigLoader.requireEmbeddedAllowed(inputs(present, named)))
                    .isInstanceOf(StrataException.class)
                    .hasMessageContaining("no database URL for environment 'production'")
                    .hasMessageContaining("DATABASE_URL_PRODUCTION, DATABASE_URL, url in [environments.production]");
        }

        String expectedUrl;
        String expectedSource;
        if (present.contains(Source.FLAG)) {
            expectedUrl = "postgresql://flag/db";
            expectedSource = "--url";
        } else if (named) {
            expectedUrl = "postgresql://replica-table/db";
            expectedSource = "strata.toml [databases.replica]";
        } else if (present.contains(Source.VAR_FOR_ENV)) {
            expectedUrl = "postgresql://var-for-env/db";
            expectedSource = "DATABASE_URL_PRODUCTION";
        } else if (present.contains(Source.VAR)) {
            expectedUrl = "postgresql://var/db";
            expectedSource = "DATABASE_URL";
        } else if (present.contains(Source.ENV_TABLE)) {
            expectedUrl = "postgresql://env-table/db";
            expectedSource = "strata.toml [environments.production]";
        } else if (present.contains(Source.STRATA_TABLE)) {
            expectedUrl = "postgresql://strata-table/db";
            expectedSource = "strata.toml [strata]";
        } else {
            expectedUrl = null;
            expectedSource = "embedded";
        }
        assertThat(s.url()).isEqualTo(Optional.ofNullable(expectedUrl));
        assertThat(s.urlSource()).isEqualTo(expectedSource);
        assertThat(s.embedded()).isEqualTo(expectedUrl == null);
        assertThat(s.environment()).isEqualTo("production");
        assertThat(s.database()).isEqualTo(named ? Optional.of("replica") : Optional.empty());
    }

    /** The same rule as a readable table: sources present (by initial) → the winner. */
    @ParameterizedTest(name = "{0} -n={1} -> {2}")
    @CsvSource({
            "F V v E S, false, --url",
            "  V v E S, false, DATABASE_URL_PRODUCTION",
            "    v E S, false, DATABASE_URL",
            "      E S, false, strata.toml [environments.production]",
            "        S, false, strata.toml [strata]",
            "'',        false, embedded",
            "F V v E S, true,  --url",
            "  V v E S, true,  strata.toml [databases.replica]",
            "'',        true,  strata.toml [databases.replica]",
    })
    void readableTable(String initials, boolean named, String winner) throws IOException {
        Set<Source> present = EnumSet.noneOf(Source.class);
        for (String i : initials.trim().split("\\s+")) {
            if (i.equals("F")) {
                present.add(Source.FLAG);
            } else if (i.equals("V")) {
                present.add(Source.VAR_FOR_ENV);
            } else if (i.equals("v")) {
                present.add(Source.VAR);
            } else if (i.equals("E")) {
                present.add(Source.ENV_TABLE);
            } else if (i.equals("S")) {
                present.add(Source.STRATA_TABLE);
            }
        }
        assertThat(ConfigLoader.resolve(inputs(present, named)).urlSource()).isEqualTo(winner);
    }

    @Test
    void environmentComesFromFlagThenVariableThenDefault() {
        Map<String, String> vars = Map.of("ENVIRONMENT", "staging",
                "DATABASE_URL_STAGING", "postgresql://staging/db",
                "DATABASE_URL_QA", "postgresql://qa/db",
                "DATABASE_URL_DEVELOPMENT", "postgresql://dev/db");
        ConfigLoader.Inputs base = ConfigLoader.Inputs.of(dir).withEnvironmentVariables(vars);

        Settings byFlag = ConfigLoader.resolve(base.withEnv("qa"));
        assertThat(byFlag.environment()).isEqualTo("qa");
        assertThat(byFlag.urlSource()).isEqualTo("DATABASE_URL_QA");

        Settings byVariable = ConfigLoader.resolve(base);
        assertThat(byVariable.environment()).isEqualTo("staging");
        assertThat(byVariable.urlSource()).isEqualTo("DATABASE_URL_STAGING");

        Settings byDefault = ConfigLoader.resolve(base.withEnvironmentVariables(
                Map.of("DATABASE_URL_DEVELOPMENT", "postgresql://dev/db")));
        assertThat(byDefault.environment()).isEqualTo("development");
        assertThat(byDefault.urlSource()).isEqualTo("DATABASE_URL_DEVELOPMENT");
    }

    @Test
    void variableNameUpperCasesAndReplacesOtherCharacters() {
        assertThat(ConfigLoader.urlVariable("production")).isEqualTo("DATABASE_URL_PRODUCTION");
        assertThat(ConfigLoader.urlVariable("staging-eu.1")).isEqualTo("DATABASE_URL_STAGING_EU_1");
        Settings s = ConfigLoader.resolve(ConfigLoader.Inputs.of(dir).withEnv("staging-eu")
                .withEnvironmentVariables(Map.of("DATABASE_URL_STAGING_EU", "postgres://eu/db")));
        assertThat(s.urlSource()).isEqualTo("DATABASE_URL_STAGING_EU");
    }

    @Test
    void emptyVariablesCountAsUnset() {
        Settings s = ConfigLoader.resolve(ConfigLoader.Inputs.of(dir).withEnvironmentVariables(
                Map.of("ENVIRONMENT", "", "DATABASE_URL_DEVELOPMENT", "", "DATABASE_URL", " ")));
        assertThat(s.environment()).isEqualTo("development");
        assertThat(s.embedded()).isTrue();
    }

    @Test
    void environmentTableMatchesIgnoringCaseWhenThereIsNoExactMatch() throws IOException {
        Files.writeString(dir.resolve("strata.toml"), "[environments.production]\nurl = \"postgresql://p/db\"\n");
        Settings s = ConfigLoader.resolve(ConfigLoader.Inputs.of(dir).withEnvironmentVariables(
                Map.of("ENVIRONMENT", "PRODUCTION")));
        assertThat(s.url()).contains("postgresql://p/db");
        assertThat(s.urlSource()).isEqualTo("strata.toml [environments.production]");
    }

    @Test
    void unknownEnvironmentIsFineAndFallsBackToStrataUrl() throws IOException {
        Files.writeString(dir.resolve("strata.toml"), "[strata]\nurl = \"postgresql://s/db\"\n");
        Settings s = ConfigLoader.resolve(ConfigLoader.Inputs.of(dir).withEnv("nowhere"));
        assertThat(s.environment()).isEqualTo("nowhere");
        assertThat(s.urlSource()).isEqualTo("strata.toml [strata]");
    }

    @Test
    void namedDatabaseWithoutUrlIsAnErrorUnlessUrlIsGiven() throws IOException {
        Files.writeString(dir.resolve("strata.toml"), "[databases.replica]\nmigrations = \"m/replica\"\n");
        ConfigLoader.Inputs in = ConfigLoader.Inputs.of(dir).withName("replica")
                .withEnvironmentVariables(Map.of("DATABASE_URL", "postgresql://primary/db"));
        assertThatThrownBy(() -> ConfigLoader.resolve(in))
                .isInstanceOf(StrataException.class)
                .hasMessage("strata.toml: [databases.replica] has no url; add url = \"postgresql://...\" there,"
                        + " or give the database URL directly")
                .extracting(e -> ((StrataException) e).code()).isEqualTo(ErrorCode.CONFIG_INVALID);
        Settings s = ConfigLoader.resolve(in.withUrl("postgresql://replica/db"));
        assertThat(s.urlSource()).isEqualTo("--url");
        assertThat(s.migrationsDir()).isEqualTo(dir.resolve("m/replica"));
    }

    private ConfigLoader.Inputs inputs(Set<Source> present, boolean named) throws IOException {
        StringBuilder toml = new StringBuilder("[strata]\n");
        if (present.contains(Source.STRATA_TABLE)) {
            toml.append("url = \"postgresql://strata-table/db\"\n");
        }
        toml.append("[environments.production]\nlock_timeout = \"1s\"\n");
        if (present.contains(Source.ENV_TABLE)) {
            toml.append("url = \"postgresql://env-table/db\"\n");
        }
        toml.append("[databases.replica]\nurl = \"postgresql://replica-table/db\"\n");
        toml.append("[databases.other]\nurl = \"postgresql://other-table/db\"\n");
        Files.writeString(dir.resolve("strata.toml"), toml);

        Map<String, String> vars = new HashMap<>();
        if (present.contains(Source.VAR_FOR_ENV)) {
            vars.put("DATABASE_URL_PRODUCTION", "postgresql://var-for-env/db");
        }
        if (present.contains(Source.VAR)) {
            vars.put("DATABASE_URL", "postgresql://var/db");
        }
        ConfigLoader.Inputs in = ConfigLoader.Inputs.of(dir).withEnv("production").withEnvironmentVariables(vars);
        if (present.contains(Source.FLAG)) {
            in = in.withUrl("postgresql://flag/db");
        }
        return named ? in.withName("replica") : in;
    }
}
