package dev.strata.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The floor: the benchmark's statements sent over one JDBC connection, one transaction per revision,
 * with no version table, no lock, no checksum and no logging ({@code --down} drops the tables the same way). Nothing that keeps track of revisions
 * can be faster, so the other tools are measured against it.
 */
public final class FloorMain {

    private FloorMain() {
    }

    /** {@code FloorMain URL DIR}: applies the Flyway-format files in DIR, then prints a {@link ChildReport}. */
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        if (args.length < 2 || args.length > 3 || (args.length == 3 && !args[2].equals("--down"))) {
            System.err.println("usage: FloorMain JDBC_URL DIR [--down]");
            System.exit(2);
        }
        if (args.length == 3) {
            revert(args[0], Path.of(args[1]));
        } else {
            apply(args[0], Path.of(args[1]));
        }
        System.out.println(ChildReport.now("floor", start).line());
    }

    /** Applies every {@code V{n}__*.sql} file of {@code dir} in version order; returns how many. */
    public static int apply(String url, Path dir) throws IOException, SQLException {
        List<Path> files = versionedFiles(dir);
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (Path file : files) {
                    for (String sql : statements(Files.readString(file, StandardCharsets.UTF_8))) {
                        statement.execute(sql);
                    }
                    connection.commit();
                }
            }
        }
        return files.size();
    }

    /** Drops the tables of every {@code V{n}__*.sql} file of {@code dir}, newest first, one transaction each. */
    public static int revert(String url, Path dir) throws IOException, SQLException {
        List<Path> files = versionedFiles(dir);
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (int i = files.size() - 1; i >= 0; i--) {
                    statement.execute(Generate.downgradeSql((int) version(files.get(i))));
                    connection.commit();
                }
            }
        }
        return files.size();
    }

    /** The {@code V{n}__*.sql} files of {@code dir}, ordered by n. */
    static List<Path> versionedFiles(Path dir) throws IOException {
        try (Stream<Path> listing = Files.list(dir)) {
            return listing
                    .filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted(Comparator.comparingLong(FloorMain::version))
                    .toList();
        }
    }

    /**
     * Splits the generated files' text into statements. It only has to handle what {@link Generate}
     * writes (no semicolons inside literals or bodies), so a semicolon at the end of a line ends one.
     */
    static List<String> statements(String text) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            current.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                result.add(current.toString().trim());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            result.add(current.toString().trim());
        }
        return List.copyOf(result);
    }

    private static long version(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(1, name.indexOf("__")));
    }
}
