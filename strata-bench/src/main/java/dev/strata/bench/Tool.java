package dev.strata.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The contenders, each run the way its users run it, in a process of its own: Strata through {@code bin/strata};
 * Flyway through its Java API in a JVM with the JVM's defaults (the way an application or its launcher runs it:
 * the Flyway command line cannot be assembled from Maven Central, whose flyway-commandline names a module Central
 * does not serve); Liquibase through its own command-line main ({@code LiquibaseCommandLine}); Alembic through its
 * {@code alembic} command (Python), one transaction per migration; and the floor, the bare statements over JDBC.
 */
public enum Tool {
    FLOOR("floor", true, false),
    FLYWAY("flyway", false, true),
    LIQUIBASE("liquibase", true, true),
    ALEMBIC("alembic", true, true),
    STRATA("strata", true, true);

    private final String label;
    private final boolean downgrades;
    private final boolean keepsState;

    Tool(String label, boolean downgrades, boolean keepsState) {
        this.label = label;
        this.downgrades = downgrades;
        this.keepsState = keepsState;
    }

    /** The short lower-case name used on the command line and in the report. */
    public String label() {
        return label;
    }

    /** Whether the tool records what it applied, so a second run is a measurable no-op. */
    public boolean keepsState() {
        return keepsState;
    }

    /** Whether the tool can revert everything (Flyway's undo is a paid edition's feature). */
    public boolean downgrades() {
        return downgrades;
    }

    /** Whether the tool runs in {@code phase}. */
    public boolean runs(Phase phase) {
        return switch (phase) {
            case APPLY -> true;
            case NOOP -> keepsState;
            case DOWNGRADE -> downgrades;
        };
    }

    /**
     * The command that runs this tool for {@code phase} against {@code database}.
     *
     * @param java      the java binary
     * @param classPath the benchmark's class path (Flyway, Liquibase, pgjdbc, the floor)
     * @param javaOpts  JVM flags for the JVM tools that do not bring their own (Flyway, Liquibase)
     */
    List<String> command(Phase phase, ScratchDatabases databases, String database, Path work, int count,
                         String java, String classPath, List<String> javaOpts) {
        String url = databases.urlFor(database);
        List<String> c = new ArrayList<>();
        switch (this) {
            case FLOOR -> {
                c.add(java);
                c.addAll(BenchOptions.STRATA_LAUNCHER_OPTS);
                c.addAll(List.of("-cp", classPath, FloorMain.class.getName(), url, Generate.flywayDir(work).toString()));
                if (phase == Phase.DOWNGRADE) {
                    c.add("--down");
                }
            }
            case FLYWAY -> {
                c.add(java);
                c.addAll(javaOpts);
                c.addAll(List.of("-cp", classPath, FlywayMain.class.getName(), url, Generate.flywayDir(work).toString()));
            }
            case LIQUIBASE -> {
                c.add(java);
                c.addAll(javaOpts);
                c.addAll(List.of("-cp", classPath, "liquibase.integration.commandline.LiquibaseCommandLine",
                        "--url=" + url, "--username=postgres", "--show-banner=false",
                        "--changelog-file=changelog.sql", "--search-path=" + Generate.liquibaseDir(work)));
                if (phase == Phase.DOWNGRADE) {
                    c.addAll(List.of("rollback-count", "--count=" + count));
                } else {
                    c.add("update");
                }
            }
            case ALEMBIC -> {
                c.addAll(List.of("alembic", "-c", Generate.alembicDir(work).resolve("alembic.ini").toString()));
                c.addAll(phase == Phase.DOWNGRADE ? List.of("downgrade", "base") : List.of("upgrade", "head"));
            }
            case STRATA -> {
                c.addAll(List.of(Path.of("bin", "strata").toAbsolutePath().toString(), "--url", url, "--dir",
                        Generate.strataDir(work).toString()));
                c.addAll(phase == Phase.DOWNGRADE ? List.of("downgrade", "base", "-q") : List.of("upgrade", "head", "-q"));
            }
            default -> throw new IllegalStateException("unknown tool " + this);
        }
        return c;
    }

    /** The tool with this label; unknown labels are a usage error. */
    public static Tool of(String label) {
        for (Tool tool : values()) {
            if (tool.label.equals(label)) {
                return tool;
            }
        }
        throw new IllegalArgumentException("unknown tool '" + label + "': use floor, flyway, liquibase, alembic or strata");
    }
}
