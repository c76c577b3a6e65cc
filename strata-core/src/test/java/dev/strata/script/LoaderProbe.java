package dev.strata.script;

import dev.strata.error.StrataException;

import java.nio.file.Path;

/** Loads a project's migrations in a separate process (run as an unprivileged user) and prints the outcome. */
public final class LoaderProbe {
    private LoaderProbe() {
    }

    public static void main(String[] args) {
        Path project = Path.of(args[0]);
        try {
            System.out.println("loaded " + ScriptLoader.load(project.resolve("migrations"), project).size());
        } catch (StrataException e) {
            System.out.println(e.code() + " " + e.getMessage());
        }
    }
}
