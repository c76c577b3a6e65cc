package dev.strata.engine.schema;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.sql.SqlStatement;
import dev.strata.sql.SqlSplitter;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

/**
 * A desired-state folder: the {@code *.sql} files directly inside it, applied in file-name order, each
 * split into statements with {@link SqlSplitter} and run one by one in autocommit (so that
 * {@code CREATE INDEX CONCURRENTLY} is allowed too). Sub-folders and other files are ignored.
 */
public final class SchemaFolder {
    private SchemaFolder() {
    }

    /** The SQL files of {@code dir}, sorted by name. */
    public static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new StrataException(ErrorCode.SCHEMA_INVALID, "the schema folder " + dir
                    + " does not exist; create it with the SQL of the desired schema, or set schema_dir in strata.toml");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".sql") && Files.isRegularFile(p))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new StrataException(ErrorCode.IO_FAILED, "cannot list the schema folder " + dir + ": " + e.getMessage());
        }
    }

    /**
     * Runs every file of {@code dir} on {@code db}.
     *
     * @param shown how messages name a file (a path relative to the working directory)
     * @throws StrataException SCHEMA_INVALID naming {@code file:line} when a statement fails
     */
    public static void apply(Path dir, ScratchDb db, java.util.function.Function<Path, String> shown) {
        List<Path> files = files(dir);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (Path f : files) {
                String where = shown.apply(f);
                for (SqlStatement s : SqlSplitter.split(read(f, where), 1, where)) {
                    try {
                        st.execute(s.sql());
                    } catch (SQLException e) {
                        throw new StrataException(ErrorCode.SCHEMA_INVALID, where + ":" + s.line()
                                + ": the statement failed on a scratch database: " + oneLine(e)
                                + "; fix the desired-state SQL", e);
                    }
                }
            }
        } catch (SQLException e) {
            throw new StrataException(ErrorCode.CONNECTION_FAILED, "lost the scratch database while applying "
                    + dir + ": " + oneLine(e), e);
        }
    }

    private static String read(Path f, String where) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (CharacterCodingException e) {
            throw new StrataException(ErrorCode.SCHEMA_INVALID, where + " is not UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            throw new StrataException(ErrorCode.IO_FAILED, "cannot read " + where + ": " + e.getMessage());
        }
    }

    /** The first line of an exception's message, with its SQLSTATE when it has one. */
    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        String line = (nl < 0 ? m : m.substring(0, nl)).strip();
        if (e instanceof SQLException se && se.getSQLState() != null) {
            line += " (SQLSTATE " + se.getSQLState() + ")";
        }
        return line;
    }
}
