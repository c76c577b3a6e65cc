package dev.strata.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A finished process of the launcher's tests: its exit code and what it printed, each stream whole. */
record LauncherRun(int code, String out, String err) {
    /** Runs {@code bash script args...}, its output captured in files under {@code dir}. */
    static LauncherRun script(Path dir, Path script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        return of(dir, command);
    }

    /** Runs {@code command}, its output captured in files under {@code dir}. */
    static LauncherRun of(Path dir, List<String> command) throws Exception {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int code = p.waitFor();
        return new LauncherRun(code, Files.readString(out), Files.readString(err));
    }
}
