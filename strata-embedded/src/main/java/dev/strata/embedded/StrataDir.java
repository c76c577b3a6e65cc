package dev.strata.embedded;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The files Strata keeps under {@code .strata/} in a project folder. Everything the embedded server
 * needs lives here and nowhere else: the PostgreSQL data directory, the dev server's {@code dev.json}
 * and {@code dev.log}, the log of per-command servers, and the lock that lets only one server run on
 * the data directory. The folder carries its own {@code .gitignore} so it is never committed.
 *
 * @param root the absolute, normalized {@code .strata} folder
 */
public record StrataDir(Path root) {
    /** The folder name inside a project. */
    public static final String NAME = ".strata";

    public StrataDir {
        Objects.requireNonNull(root, "root");
        root = root.toAbsolutePath().normalize();
    }

    /** The {@code .strata} folder of the project at {@code projectDir}. */
    public static StrataDir of(Path projectDir) {
        Objects.requireNonNull(projectDir, "projectDir");
        return new StrataDir(projectDir.resolve(NAME));
    }

    /** The PostgreSQL data directory. */
    public Path pgdata() {
        return root.resolve("pgdata");
    }

    /** Written by the dev server once it accepts connections; removed when it stops. */
    public Path devJson() {
        return root.resolve("dev.json");
    }

    /** Output of the dev server process and of its PostgreSQL. */
    public Path devLog() {
        return root.resolve("dev.log");
    }

    /** Output of the PostgreSQL a single command starts for its own duration. */
    public Path serverLog() {
        return root.resolve("server.log");
    }

    /** Held by whichever process runs PostgreSQL on {@link #pgdata()}. */
    public Path lockFile() {
        return root.resolve("lock");
    }

    /** Creates the folder (and its {@code .gitignore}) if missing. */
    public void create() {
        try {
            Files.createDirectories(root);
            Path ignore = root.resolve(".gitignore");
            if (!Files.exists(ignore)) {
                Files.writeString(ignore, "# Strata's local embedded PostgreSQL; never commit it\n*\n",
                        StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new StrataException(ErrorCode.IO_FAILED,
                    "cannot create " + root + ": " + e.getMessage() + "; check the folder's permissions", e);
        }
    }
}
