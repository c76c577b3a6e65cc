package dev.strata.embedded;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes {@code .strata/dev.json}. The file is replaced atomically, so a reader sees either
 * no file or a complete one. A file whose process is gone (or whose pid now belongs to a process that
 * started after the server did) is stale: {@link #readLive} deletes it. The file is a flat JSON object
 * written and read here without a JSON library, which would cost a command's JVM most of a second to
 * load; anything this reader does not understand counts as unreadable.
 */
final class DevServerFile {
    private static final Pattern FIELD = Pattern.compile("\"([a-z_]+)\"\\s*:\\s*(?:(\\d+)|\"([^\"\\\\]*)\")");
    /** Clock slack allowed between a process's recorded start and the server's start time. */
    private static final Duration START_SLACK = Duration.ofSeconds(2);

    private DevServerFile() {
    }

    static void write(Path file, DevServerInfo info) {
        if (info.jdbcUrl().contains("\"") || info.jdbcUrl().contains("\\")) {
            throw new IllegalArgumentException("unexpected character in " + info.jdbcUrl());
        }
        String json = "{\n"
                + "  \"pid\": " + info.pid() + ",\n"
                + "  \"port\": " + info.port() + ",\n"
                + "  \"jdbc_url\": \"" + info.jdbcUrl() + "\",\n"
                + "  \"started_at\": \"" + info.startedAt() + "\"\n"
                + "}\n";
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, json);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StrataException(ErrorCode.IO_FAILED, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file's content, or empty if it is missing or unreadable (a half-deleted or foreign file). */
    static Optional<DevServerInfo> read(Path file) {
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            Map<String, String> fields = new HashMap<>();
            Matcher m = FIELD.matcher(Files.readString(file));
            while (m.find()) {
                fields.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
            }
            return Optional.of(new DevServerInfo(Long.parseLong(fields.get("pid")),
                    Integer.parseInt(fields.get("port")), fields.get("jdbc_url"),
                    Instant.parse(fields.get("started_at"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The running dev server, deleting the file if it is stale or unreadable. */
    static Optional<DevServerInfo> readLive(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Optional<DevServerInfo> seen = read(file);
        if (seen.isPresent() && isAlive(seen.get())) {
            return seen;
        }
        // a new server may have replaced the file meanwhile; only remove what was found stale
        Optional<DevServerInfo> now = read(file);
        if (now.equals(seen)) {
            delete(file);
            return Optional.empty();
        }
        return now.filter(DevServerFile::isAlive);
    }

    static boolean isAlive(DevServerInfo info) {
        return ProcessHandle.of(info.pid())
                .filter(Processes::isRunning)
                .filter(p -> p.info().startInstant()
                        .map(start -> !start.isAfter(info.startedAt().plus(START_SLACK)))
                        .orElse(true))
                .isPresent();
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new StrataException(ErrorCode.IO_FAILED, "cannot delete stale " + file + ": " + e.getMessage()
                    + "; delete it by hand", e);
        }
    }
}
