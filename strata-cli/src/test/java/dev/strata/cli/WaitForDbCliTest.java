package dev.strata.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --wait-for-db} on the command line: one waiting line, then the usual one-line error; config key too. */
class WaitForDbCliTest {
    @TempDir
    Path dir;

    @Test
    void waitsSaysSoOnceThenFailsWithOneLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Cli cli = new Cli(dir, "postgresql://app:pw-secret@127.0.0.1:" + port + "/app");
        Cli.Result r = cli.run("--wait-for-db", "1s", "current");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.FAILURE);
        assertThat(r.out()).isEmpty();
        String[] lines = r.err().strip().split("\n");
        assertThat(lines).as(r.toString()).hasSize(2);
        assertThat(lines[0]).isEqualTo("waiting up to 1s for the database at postgresql://app:***@127.0.0.1:" + port
                + "/app (from --url)");
        assertThat(lines[1]).startsWith("error: gave up waiting for the database after 1s (")
                .contains("could not connect to postgresql://app:***@127.0.0.1:" + port + "/app");
        assertThat(r.err()).doesNotContain("pw-secret");

        // the same from strata.toml (per environment), and a bad value is one line naming the key
        Files.writeString(dir.resolve("strata.toml"), "[environments.development]\nwait_for_db = \"1s\"\n");
        Cli.Result fromConfig = cli.run("current");
        assertThat(fromConfig.err()).as(fromConfig.toString()).contains("waiting up to 1s for the database");
        Files.writeString(dir.resolve("strata.toml"), "[strata]\nwait_for_db = \"ten\"\n");
        Cli.Result bad = cli.run("current");
        assertThat(bad.code()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("wait_for_db");
        Cli.Result badFlag = cli.run("--wait-for-db", "5", "current");
        assertThat(badFlag.code()).isEqualTo(ExitCode.USAGE);
        assertThat(badFlag.err()).contains("'5' is not a duration");
    }
}
