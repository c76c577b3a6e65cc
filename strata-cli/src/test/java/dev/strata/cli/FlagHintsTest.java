package dev.strata.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages of the engine and the core name settings without citing CLI flags; the CLI's hint line names the
 * flag. None of these needs a database (they fail while reading the configuration or the folder).
 */
class FlagHintsTest {
    @TempDir
    Path dir;

    private List<String> errorLines(String... args) {
        Cli.Result r = new Cli(dir, null).runRaw(args);
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        List<String> lines = r.err().strip().lines().toList();
        assertThat(lines).as(r.toString()).hasSize(2);
        assertThat(lines.get(0)).startsWith("error: ");
        assertThat(lines.get(1)).startsWith("hint: ");
        return lines;
    }

    @Test
    void eachSettingGetsItsFlag() {
        List<String> name = errorLines("-n", "replica", "heads");
        assertThat(name.get(0)).isEqualTo("error: the named database 'replica' was chosen, but there is no strata.toml;"
                + " run strata init and add a [databases.replica] table with a url, or choose no named database");
        assertThat(name.get(1)).contains("-n NAME").contains("drop -n");

        List<String> config = errorLines("--config", "nope.toml", "heads");
        assertThat(config.get(0)).startsWith("error: nope.toml: no such file").doesNotContain("--config");
        assertThat(config.get(1)).contains("--config FILE");

        List<String> url = errorLines("--url", " ", "heads");
        assertThat(url.get(0)).isEqualTo("error: the database URL given is empty; give a URL, or none to use the"
                + " configured one");
        assertThat(url.get(1)).contains("--url URL").contains("drop --url");

        List<String> env = errorLines("--env", "", "heads");
        assertThat(env.get(0)).startsWith("error: the environment given is empty;").doesNotContain("--env");
        assertThat(env.get(1)).contains("--env NAME");

        List<String> folder = errorLines("--dir", "nowhere", "heads");
        assertThat(folder.get(0)).startsWith("error: migrations directory 'nowhere' does not exist")
                .doesNotContain("--dir");
        assertThat(folder.get(1)).contains("--dir DIR");
    }

    @Test
    void jsonErrorsCarryTheMessageWithoutTheHint() throws Exception {
        Cli.Result r = new Cli(dir, null).runRaw("-n", "replica", "heads", "--json");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n");
        assertThat(SchemaCheck.parse(r.err()).get("message").asText()).startsWith("the named database 'replica'");
    }
}
