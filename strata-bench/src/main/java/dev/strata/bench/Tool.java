package dev.strata.bench;

import java.nio.file.Path;

/**
 * The three contenders, each with the child main that runs it and the folder of revisions it reads.
 * Strata has no child main: it runs as a user runs it, through {@code bin/strata}.
 */
public enum Tool {
    FLOOR("floor", FloorMain.class.getName(), false),
    FLYWAY("flyway", FlywayMain.class.getName(), true),
    STRATA("strata", null, true);

    private final String label;
    private final String mainClass;
    private final boolean keepsState;

    Tool(String label, String mainClass, boolean keepsState) {
        this.label = label;
        this.mainClass = mainClass;
        this.keepsState = keepsState;
    }

    /** The short lower-case name used on the command line and in the report. */
    public String label() {
        return label;
    }

    /** The fully qualified child main class; null for Strata, which runs through its launcher. */
    public String mainClass() {
        return mainClass;
    }

    /** Whether the tool records what it applied, so a second run is a measurable no-op. */
    public boolean keepsState() {
        return keepsState;
    }

    /** The folder of revisions this tool reads inside a work dir written by {@link Generate}. */
    public Path revisionDir(Path workDir) {
        return this == STRATA ? Generate.strataDir(workDir) : Generate.flywayDir(workDir);
    }

    /** The tool with this label; unknown labels are a usage error. */
    public static Tool of(String label) {
        for (Tool tool : values()) {
            if (tool.label.equals(label)) {
                return tool;
            }
        }
        throw new IllegalArgumentException("unknown tool '" + label + "': use floor, flyway or strata");
    }
}
