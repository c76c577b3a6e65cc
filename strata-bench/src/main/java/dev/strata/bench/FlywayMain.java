package dev.strata.bench;

import org.flywaydb.core.Flyway;

/**
 * Flyway as an application would call it: configure, load, migrate. Run once on an empty database
 * to apply everything, and again in a new process for the no-op case.
 */
public final class FlywayMain {

    private FlywayMain() {
    }

    /** {@code FlywayMain URL DIR}: migrates the database at URL with the files in DIR, then prints a {@link ChildReport}. */
    public static void main(String[] args) {
        long start = System.nanoTime();
        if (args.length != 2) {
            System.err.println("usage: FlywayMain JDBC_URL DIR");
            System.exit(2);
        }
        migrate(args[0], args[1]);
        System.out.println(ChildReport.now("flyway", start).line());
    }

    /** Runs Flyway's migrate; returns how many migrations it applied. */
    public static int migrate(String url, String dir) {
        return Flyway.configure()
                .dataSource(url, "postgres", "")
                .locations("filesystem:" + dir)
                .load()
                .migrate()
                .migrationsExecuted;
    }

    /** The Flyway version on the class path, read from the jar's own version file. */
    static String version() {
        try (var in = Flyway.class.getResourceAsStream("/org/flywaydb/core/internal/version.txt")) {
            return in == null ? "unknown" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
