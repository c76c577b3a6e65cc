package dev.strata.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** One-line descriptions of the machine the benchmark ran on, so numbers can be compared across runs. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        int cores = Runtime.getRuntime().availableProcessors();
        return String.format(Locale.ROOT, "%d cores (%s), %s RAM, %s %s, Java %s (%s)",
                cores, procField("/proc/cpuinfo", "model name"), memory(),
                System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("java.version"), System.getProperty("java.vm.name"));
    }

    /** The 1-minute load average now ({@code /proc/loadavg}), or "?" : other work on the machine shows here. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String memory() {
        String kb = procField("/proc/meminfo", "MemTotal");
        try {
            long value = Long.parseLong(kb.replace("kB", "").trim());
            return String.format(Locale.ROOT, "%.1f GiB", value / 1024.0 / 1024.0);
        } catch (NumberFormatException e) {
            return "unknown";
        }
    }

    private static String procField(String file, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }
}
