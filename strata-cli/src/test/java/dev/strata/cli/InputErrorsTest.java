package dev.strata.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input: one clear line, exit 2, nothing changed, no stack trace. Needs no database. */
class InputErrorsTest {
    @TempDir
    Path dir;

    private Cli cli() {
        // a URL that cannot be reached: these commands must fail before they would connect
        return new Cli(dir, "postgresql://nobody:s3cr3t-pw@127.0.0.1:1/none");
    }

    private static void assertOneLineError(Cli.Result r, int code, String... parts) {
        assertThat(r.code()).as(r.toString()).isEqualTo(code);
        assertThat(r.err().strip().lines().count()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: ").doesNotContain("\tat ").doesNotContain("Exception");
        for (String p : parts) {
            assertThat(r.err()).contains(p);
        }
    }

    @Test
    void malformedHeaderNamesFileAndLine() {
        Cli cli = cli();
        cli.revision("a.sql", "-- strata:revision a1\n-- strata:parnets base\n\n-- strata:upgrade\nSELECT 1;\n-- strata:downgrade\nSELECT 1;\n");
        assertOneLineError(cli.run("upgrade", "head", "--sql"), 2, "a.sql:2", "parnets");
    }

    @Test
    void missingDowngradeWithoutIrreversible() {
        Cli cli = cli();
        cli.revision("a.sql", "-- strata:revision a1\n\n-- strata:upgrade\nSELECT 1;\n");
        assertOneLineError(cli.run("heads"), 2, "a.sql", "downgrade");
    }

    @Test
    void notUtf8() throws Exception {
        Cli cli = cli();
        Files.write(dir.resolve("migrations/a.sql"), new byte[] {'-', '-', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
        assertOneLineError(cli.run("heads"), 2, "a.sql", "UTF-8");
    }

    @Test
    void missingMigrationsFolder() {
        Cli cli = cli();
        Cli.Result r = cli.run("--dir", "nowhere", "heads");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        java.util.List<String> lines = r.err().strip().lines().toList();
        assertThat(lines).as(r.toString()).hasSize(2);  // the error, then the CLI's hint naming the flag
        assertThat(lines.get(0)).startsWith("error: ").contains("nowhere").doesNotContain("\tat ")
                .doesNotContain("Exception");
        assertThat(lines.get(1)).startsWith("hint: ").contains("--dir DIR");
    }

    @Test
    void unknownParentCycleAndDuplicate() {
        Cli cli = cli();
        cli.simple("a1", "zz9", "SELECT 1;", "SELECT 1;");
        assertOneLineError(cli.run("heads"), 2, "zz9");
        cli.simple("a1", "b2", "SELECT 1;", "SELECT 1;");
        cli.simple("b2", "a1", "SELECT 1;", "SELECT 1;");
        assertOneLineError(cli.run("heads"), 2, "a1", "b2");
        cli.simple("b2", null, "SELECT 1;", "SELECT 1;");
        cli.revision("a1_copy.sql", "-- strata:revision b2\n\n-- strata:upgrade\nSELECT 1;\n\n-- strata:downgrade\nSELECT 1;\n");
        assertOneLineError(cli.run("heads"), 2, "b2", "a1_copy.sql");
    }

    @Test
    void unknownAndAmbiguousTargets() {
        Cli cli = cli();
        cli.simple("abc1", null, "SELECT 1;", "SELECT 1;");
        cli.simple("abc2", "abc1", "SELECT 1;", "SELECT 1;");
        assertOneLineError(cli.run("upgrade", "nope", "--sql"), 2, "nope");
        assertOneLineError(cli.run("upgrade", "abc", "--sql"), 2, "abc1", "abc2");
        assertOneLineError(cli.run("downgrade", "base", "--sql"), 2, "FROM:TO");
    }

    @Test
    void multipleHeadsListed() {
        Cli cli = cli();
        cli.simple("a1", null, "SELECT 1;", "SELECT 1;");
        cli.simple("b1", "a1", "SELECT 1;", "SELECT 1;");
        cli.simple("b2", "a1", "SELECT 1;", "SELECT 1;");
        assertOneLineError(cli.run("upgrade", "head", "--sql"), 2, "b1", "b2");
        assertOneLineError(cli.run("revision", "-m", "x"), 2, "b1", "b2", "merge");
    }

    @Test
    void unknownOptionAndBadConfig() throws Exception {
        Cli cli = cli();
        assertOneLineError(cli.run("upgrade", "--frobnicate"), 2, "--frobnicate");
        Files.writeString(dir.resolve("strata.toml"), "[strata]\nmigrashuns = \"m\"\n");
        assertOneLineError(cli.runRaw("heads"), 2, "strata.toml", "migrashuns");
    }

    @Test
    void passwordNeverShownWhenTheConnectionFails() {
        Cli cli = cli();
        cli.simple("a1", null, "SELECT 1;", "SELECT 1;");
        var r = cli.run("upgrade", "head");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out() + r.err()).doesNotContain("s3cr3t-pw").contains("127.0.0.1");
        var verbose = cli.run("upgrade", "head", "--verbose");
        assertThat(verbose.out() + verbose.err()).doesNotContain("s3cr3t-pw");
        Cli viaEnv = new Cli(dir, null);
        viaEnv.env.put("DATABASE_URL", "postgresql://nobody:s3cr3t-pw@127.0.0.1:1/none");
        var r2 = viaEnv.run("current", "--verbose");
        assertThat(r2.code()).isEqualTo(1);
        assertThat(r2.out() + r2.err()).doesNotContain("s3cr3t-pw");
    }

    @Test
    void everyCommandHasHelp() {
        Cli cli = cli();
        for (String c : new String[] {"init", "revision", "upgrade", "downgrade", "current", "history", "heads",
                "branches", "show", "stamp", "merge", "check", "repair", "dev"}) {
            var r = cli.runRaw(c, "--help");
            assertThat(r.code()).as(c).isZero();
            assertThat(r.out()).as(c).contains("Usage: strata " + c);
        }
        assertThat(cli.runRaw("dev", "start", "--help").out()).contains("Usage: strata dev start");
    }
}
