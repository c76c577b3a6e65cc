package dev.strata.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Liveness of other processes. {@link ProcessHandle#isAlive()} counts a zombie (exited, not yet
 * reaped by its parent) as alive; a detached dev server is reaped by init, which in some containers
 * takes seconds, so on Linux a zombie counts as gone here.
 */
final class Processes {
    private Processes() {
    }

    static boolean isRunning(ProcessHandle process) {
        return process.isAlive() && !isZombie(process.pid());
    }

    /** Polls until the process is gone; false if it still runs after {@code timeout}. */
    static boolean waitForExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(process)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !isRunning(process);
            }
        }
        return true;
    }

    private static boolean isZombie(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String text = Files.readString(stat, StandardCharsets.US_ASCII);
            // "pid (command) S ...": the state follows the last ')' since the command may contain one
            int close = text.lastIndexOf(')');
            return close >= 0 && close + 2 < text.length() && text.charAt(close + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
