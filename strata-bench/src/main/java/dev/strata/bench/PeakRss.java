package dev.strata.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak resident set size of the current process, from {@code VmHWM} in {@code /proc/self/status} (Linux). */
final class PeakRss {

    private PeakRss() {
    }

    /** The high-water mark in kB, or 0 where {@code /proc} is not available. */
    static long kilobytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim());
                }
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
