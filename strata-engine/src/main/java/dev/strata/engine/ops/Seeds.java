package dev.strata.engine.ops;

import dev.strata.engine.Workspace;
import dev.strata.engine.config.OpsSettings;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
import dev.strata.postgres.HistoryRow;
import dev.strata.run.Bookkeeping;
import dev.strata.run.HistoryEntry;
import dev.strata.run.RunEvent;
import dev.strata.run.StatementFailedException;
import dev.strata.sql.SqlSplitter;
import dev.strata.sql.SqlStatement;
import dev.strata.sql.SqlText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Seed data (seed 003's {@code seeds/}): SQL and CSV files loaded after an upgrade in the environments that ask
 * for them. The files directly in the seed folder load in every such environment, then those of the folder named
 * after the environment ({@code seeds/development/}), each list in file-name order.
 *
 * <p>Idempotent by checksum: each file loads in one transaction together with a {@code seed} row in the history
 * table (revision: the file's path in the seed folder; checksum: the SHA-256 of its content). A file whose content
 * matches its last loaded checksum is skipped; a changed file loads again, so a SQL seed must be safe to run again
 * (INSERT ... ON CONFLICT, or DELETE before INSERT). A CSV seed {@code TABLE.csv} or {@code SCHEMA.TABLE.csv} (an
 * optional {@code NNN_} prefix orders files and is not part of the name) has a header line naming columns and is
 * upserted by the table's primary key: rows whose key exists are updated, rows removed from the file are left.
 * An unquoted empty field is NULL, as in COPY's CSV format.
 */
public final class Seeds {
    private static final int BATCH = 500;

    private Seeds() {
    }

    /**
     * One seed file.
     *
     * @param file   its path in the seed folder ({@code development/users.csv})
     * @param status loaded (new or changed) or unchanged (skipped)
     * @param rows   the CSV rows upserted, or the SQL statements run; 0 when unchanged
     * @param millis how long loading took
     */
    public record SeedFile(String file, String status, int rows, long millis) {
    }

    /**
     * What a seed run did.
     *
     * @param environment the environment
     * @param folder      the seed folder
     * @param files       every seed file of the environment, in load order
     */
    public record Report(String environment, String folder, List<SeedFile> files) {
        public Report {
            files = List.copyOf(files);
        }

        public long loaded() {
            return files.stream().filter(f -> f.status().equals("loaded")).count();
        }
    }

    /** Whether the environment loads seed data ({@code seed} in its table; default: development and test). */
    public static boolean enabled(Workspace w) {
        return w.operations().seeds().enabled();
    }

    /**
     * Loads the new and changed seed files of the workspace's environment. Refuses when seeding is off for the
     * environment (production unless configured).
     */
    public static Report load(Workspace w) {
        return load(w, false);
    }

    /** As {@link #load(Workspace)}; with {@code force} also where seeding is off. */
    public static Report load(Workspace w, boolean force) {
        OpsSettings.Seeds cfg = w.operations().seeds();
        String env = w.settings().environment();
        if (!cfg.enabled() && !force) {
            throw new StrataException(ErrorCode.USAGE, "seed data is off for environment '" + env + "'; set seed = true"
                    + " in [environments." + env + "] of strata.toml to load " + display(w, cfg.folder()) + " there");
        }
        List<Path> files = files(cfg.folder(), env);
        if (files.isEmpty()) {
            return new Report(env, display(w, cfg.folder()), List.of());
        }
        var target = w.target();
        target.ensureTables();
        // under the migration lock: two runners starting together load a changed file once
        target.lock(w.settings().lockWait(), holder -> w.notice(RunEvent.Notice.Level.INFO,
                "seed: waiting for the migration lock held by " + holder));
        try {
            return load(w, cfg, env, files, target);
        } finally {
            target.unlock();
        }
    }

    private static Report load(Workspace w, OpsSettings.Seeds cfg, String env, List<Path> files,
                               dev.strata.postgres.JdbcTarget target) {
        Map<String, String> last = new HashMap<>();
        for (HistoryRow r : target.history()) {
            if (r.action() == HistoryEntry.Action.SEED && r.status() == HistoryEntry.Status.OK) {
                last.put(r.revision(), r.checksum());
            }
        }
        List<SeedFile> out = new ArrayList<>();
        for (Path f : files) {
            String key = cfg.folder().relativize(f).toString().replace('\\', '/');
            byte[] bytes = read(f, w);
            String sum = sha256(bytes);
            if (sum.equals(last.get(key))) {
                out.add(new SeedFile(key, "unchanged", 0, 0));
                continue;
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            String where = display(w, f);
            boolean isCsv = key.toLowerCase(Locale.ROOT).endsWith(".csv");
            Load load = isCsv ? csv(w, f, where, text) : sql(where, text);
            List<Statement> statements = load.statements();
            int rows = load.rows();
            long t0 = System.nanoTime();
            try {
                target.runInTransaction(statements, Bookkeeping.historyOnly(new HistoryEntry(key,
                        HistoryEntry.Action.SEED, (last.containsKey(key) ? "changed" : "new") + " seed file, "
                        + rows + (isCsv ? " rows" : " statements"), sum, Instant.now(), -1,
                        HistoryEntry.Status.OK, null, statements.size(), statements.size())));
            } catch (StatementFailedException e) {
                String line = isCsv ? where : where + ":" + lineOf(text, statements, e.index(), where);
                throw new StrataException(ErrorCode.SEED_FAILED, "seed " + line + " failed: " + e.serverMessage()
                        + "; nothing of this file was loaded; fix it and run strata seed", e);
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            w.notice(RunEvent.Notice.Level.INFO, "seed: " + key + " loaded (" + rows
                    + (isCsv ? " rows" : " statements") + ", " + millis + " ms)");
            out.add(new SeedFile(key, "loaded", rows, millis));
        }
        return new Report(env, display(w, cfg.folder()), out);
    }

    /** The seed files for {@code env}: the folder's own, then {@code folder/env/}'s, each in name order. */
    static List<Path> files(Path folder, String env) {
        List<Path> out = new ArrayList<>(direct(folder));
        out.addAll(direct(folder.resolve(env)));
        return out;
    }

    private static List<Path> direct(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".sql") || n.endsWith(".csv");
            }).sorted().toList();
        } catch (IOException e) {
            throw new StrataException(ErrorCode.IO_FAILED, "cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The statements loading one file, and how many rows (CSV) or statements (SQL) that is. */
    private record Load(List<Statement> statements, int rows) {
    }

    private static Load sql(String where, String text) {
        List<Statement> out = new ArrayList<>();
        for (SqlStatement s : SqlSplitter.split(text, 1, where)) {
            out.add(Statement.of(s.sql(), Tx.IN_TRANSACTION, where + ":" + s.line()));
        }
        return new Load(out, out.size());
    }

    private static String lineOf(String text, List<Statement> statements, int index, String where) {
        if (index < 0 || index >= statements.size()) {
            return "?";
        }
        String source = statements.get(index).source();
        return source != null && source.startsWith(where + ":") ? source.substring(where.length() + 1) : "?";
    }

    private static Load csv(Workspace w, Path f, String where, String text) {
        List<List<String>> rows = Csv.parse(text, where);
        if (rows.isEmpty()) {
            throw new StrataException(ErrorCode.USAGE, where + ": empty; a CSV seed starts with a header line naming"
                    + " the columns");
        }
        String name = f.getFileName().toString();
        name = name.substring(0, name.length() - 4).replaceFirst("^\\d+_", "");
        List<String> header = rows.get(0);
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i) == null || header.get(i).isBlank()) {
                throw new StrataException(ErrorCode.USAGE, where + ":1: header field " + (i + 1) + " is empty; the"
                        + " header line names the table's columns");
            }
        }
        String table;
        List<String> key = new ArrayList<>();
        try (Connection c = w.openConnection()) {
            try (PreparedStatement p = c.prepareStatement("SELECT to_regclass(?)::text")) {
                p.setString(1, name);
                ResultSet rs = p.executeQuery();
                rs.next();
                table = rs.getString(1);
            } catch (SQLException e) {
                table = null;
            }
            if (table == null) {
                throw new StrataException(ErrorCode.SEED_FAILED, where + ": table " + name + " does not exist; name a"
                        + " CSV seed after its table (TABLE.csv or SCHEMA.TABLE.csv), and load it after the revision"
                        + " that creates the table");
            }
            try (PreparedStatement p = c.prepareStatement("SELECT a.attname FROM pg_index i JOIN pg_attribute a"
                    + " ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) WHERE i.indrelid = ?::regclass"
                    + " AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)")) {
                p.setString(1, table);
                ResultSet rs = p.executeQuery();
                while (rs.next()) {
                    key.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new StrataException(ErrorCode.CONNECTION_FAILED, "reading the table of " + where + ": "
                    + e.getMessage(), e);
        }
        if (key.isEmpty()) {
            throw new StrataException(ErrorCode.SEED_FAILED, where + ": table " + table + " has no primary key, and a"
                    + " CSV seed is upserted by it; add a primary key, or write the seed as SQL");
        }
        for (String k : key) {
            if (!header.contains(k)) {
                throw new StrataException(ErrorCode.SEED_FAILED, where + ":1: the header lacks primary key column "
                        + k + " of " + table + "; add it");
            }
        }
        String columns = String.join(", ", header.stream().map(SqlText::ident).toList());
        List<String> rest = header.stream().filter(h -> !key.contains(h)).toList();
        String conflict = " ON CONFLICT (" + String.join(", ", key.stream().map(SqlText::ident).toList()) + ") "
                + (rest.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + String.join(", ",
                rest.stream().map(h -> SqlText.ident(h) + " = EXCLUDED." + SqlText.ident(h)).toList()));
        List<Statement> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        int inBatch = 0;
        for (int i = 1; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (row.size() != header.size()) {
                throw new StrataException(ErrorCode.USAGE, where + ": data row " + i + " has " + row.size()
                        + " fields, the header " + header.size() + "; fix the row");
            }
            b.append(inBatch == 0 ? "INSERT INTO " + table + " (" + columns + ") VALUES\n" : ",\n")
                    .append('(').append(String.join(", ", row.stream().map(SqlText::literal).toList())).append(')');
            if (++inBatch == BATCH || i == rows.size() - 1) {
                out.add(Statement.of(b.append(conflict).toString(), Tx.IN_TRANSACTION, where));
                b.setLength(0);
                inBatch = 0;
            }
        }
        return new Load(out, rows.size() - 1);
    }

    private static byte[] read(Path f, Workspace w) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new StrataException(ErrorCode.IO_FAILED, "cannot read " + display(w, f) + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String display(Workspace w, Path p) {
        Path dir = w.settings().projectDir();
        return p.startsWith(dir) ? dir.relativize(p).toString() : p.toString();
    }
}
