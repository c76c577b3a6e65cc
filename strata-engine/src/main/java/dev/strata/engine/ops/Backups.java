package dev.strata.engine.ops;

import dev.strata.engine.EngineVersion;
import dev.strata.engine.Workspace;
import dev.strata.engine.config.OpsSettings;
import dev.strata.engine.config.Sizes;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.postgres.PgUrl;
import dev.strata.run.Bookkeeping;
import dev.strata.run.HistoryEntry;
import dev.strata.run.RunEvent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Backups with pg_dump (custom format, {@code -Fc}) before an upgrade or on demand, verified with
 * {@code pg_restore --list}, named {@code DATABASE_YYYYMMDDTHHMMSSZ_FROM-TO.dump} (UTC time, the revisions the
 * database is at and the upgrade's target), pruned by count and age per database, and recorded in the history
 * table as a {@code backup} row (revision: the revisions the dump holds; message: the file and its size;
 * checksum: the dump's SHA-256; execution_ms: how long pg_dump took). Restore runs pg_restore into the same
 * database. Nothing is printed: progress goes to the workspace's listener as notices.
 */
public final class Backups {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("(.+)_(\\d{8}T\\d{6}Z)_(.+)\\.dump");

    private Backups() {
    }

    /**
     * A backup taken.
     *
     * @param file     the dump file, relative to the project folder when it is inside it
     * @param bytes    its size
     * @param millis   how long pg_dump and the verification took
     * @param entries  how many entries pg_restore --list found in it
     * @param from     the revisions the database was at ({@code base} when none)
     * @param to       the revision the upgrade it precedes goes to (equal to {@code from} for a plain backup)
     * @param sha256   the dump's SHA-256, hex
     * @param pgDump   the pg_dump used, with its version
     * @param pruned   older dumps deleted by the retention rules
     */
    public record Backup(String file, long bytes, long millis, int entries, String from, String to, String sha256,
                         String pgDump, List<String> pruned) {
        public Backup {
            pruned = List.copyOf(pruned);
        }
    }

    /**
     * What a restore did.
     *
     * @param file   the dump restored, relative to the project folder when it is inside it
     * @param millis how long pg_restore took
     * @param extra  tables the database has that the dump does not (created after it was taken): left as they are
     */
    public record Restore(String file, long millis, List<String> extra) {
        public Restore {
            extra = List.copyOf(extra);
        }
    }

    /** Takes a backup of the workspace's database now (strata backup): named after the revisions it is at. */
    public static Backup take(Workspace w) {
        var heads = w.target().readState().heads();
        String at = heads.isEmpty() ? "base"
                : String.join("+", heads.stream().map(dev.strata.graph.RevisionId::value).sorted().toList());
        return take(w, at, at, "backup");
    }

    /** Takes a backup before an upgrade from {@code from} to {@code to}. */
    static Backup take(Workspace w, String from, String to, String why) {
        OpsSettings.Backup cfg = w.operations().backup();
        PgUrl url = w.url().orElseThrow(() -> new StrataException(ErrorCode.BACKUP_FAILED, "backups need a database"
                + " URL, because pg_dump connects by itself; configure the URL instead of a data source, or turn"
                + " backup off for this environment"));
        int major = serverMajor(w);
        PgTools.Tool dump = PgTools.find("pg_dump", cfg.pgDump(), major, "[backup] pg_dump");
        PgTools.Tool restore = PgTools.find("pg_restore", cfg.pgRestore().or(() -> sibling(dump.path(), "pg_restore")),
                major, "[backup] pg_restore");
        try {
            Files.createDirectories(cfg.folder());
        } catch (IOException e) {
            throw new StrataException(ErrorCode.BACKUP_FAILED, "cannot create the backup folder " + cfg.folder() + ": "
                    + e.getMessage() + "; check [backup] folder and its permissions; nothing was changed", e);
        }
        Instant now = Instant.now();
        String name = safe(url.database()) + "_" + STAMP.format(now) + "_" + safe(from) + "-" + safe(to) + ".dump";
        Path file = cfg.folder().resolve(name);
        Path partial = cfg.folder().resolve(name + ".partial");
        w.notice(RunEvent.Notice.Level.INFO, "backup: pg_dump " + dump.version() + " of " + url.database() + " to "
                + display(w, file) + " ...");
        long t0 = System.nanoTime();
        PgTools.Result r = PgTools.run(List.of(dump.path().toString(), "--format=custom", "--no-password",
                "--file=" + partial), url);
        if (r.exit() != 0) {
            deleteQuietly(partial);
            throw new StrataException(ErrorCode.BACKUP_FAILED, "pg_dump failed (exit " + r.exit() + "): "
                    + firstLines(r.output()) + "; nothing was changed");
        }
        int entries = verify(restore, partial);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        try {
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StrataException(ErrorCode.BACKUP_FAILED, "cannot rename " + partial + " to " + file + ": "
                    + e.getMessage() + "; nothing was changed", e);
        }
        long bytes = size(file);
        String sha = sha256(file);
        List<Path> pruned = prune(cfg, url.database(), file, now);
        String message = "pg_dump -Fc to " + display(w, file) + " (" + bytes + " bytes, " + entries + " entries)"
                + (why.equals("backup") ? "" : " before upgrading to " + to);
        record(w, new HistoryEntry(from, HistoryEntry.Action.BACKUP, message, sha, now, millis,
                HistoryEntry.Status.OK, null, 0, 0));
        w.notice(RunEvent.Notice.Level.INFO, "backup: " + display(w, file) + " (" + Sizes.format(bytes) + ", "
                + entries + " entries, verified, " + millis + " ms)" + (pruned.isEmpty() ? ""
                : "; pruned " + pruned.size() + " older backup(s)"));
        return new Backup(display(w, file), bytes, millis, entries, from, to, sha, dump.path() + " " + dump.version(),
                pruned.stream().map(p -> display(w, p)).toList());
    }

    /**
     * Restores {@code file} into the workspace's database with pg_restore ({@code --clean --if-exists
     * --single-transaction}: the dump's objects are dropped and made again, all or nothing). Objects created after
     * the dump was taken, which it does not contain, are left and named in the result.
     */
    public static Restore restore(Workspace w, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new StrataException(ErrorCode.USAGE, file + ": no such backup file; give a file written by"
                    + " strata backup (pg_dump -Fc)");
        }
        OpsSettings.Backup cfg = w.operations().backup();
        PgUrl url = w.url().orElseThrow(() -> new StrataException(ErrorCode.RESTORE_FAILED, "restore needs a"
                + " database URL, because pg_restore connects by itself"));
        int major = serverMajor(w);
        PgTools.Tool restore = PgTools.find("pg_restore", cfg.pgRestore().or(() -> cfg.pgDump()
                .flatMap(d -> sibling(d, "pg_restore"))), major, "[backup] pg_restore");
        PgTools.Result list = PgTools.run(List.of(restore.path().toString(), "--list", file.toString()), null);
        if (list.exit() != 0) {
            throw new StrataException(ErrorCode.USAGE, file + " is not a dump pg_restore can read: "
                    + firstLines(list.output()) + "; nothing was changed");
        }
        List<String> extra = extraTables(w, list.output());
        w.notice(RunEvent.Notice.Level.INFO, "restore: pg_restore " + restore.version() + " of " + display(w, file)
                + " into " + url.database() + " ...");
        long t0 = System.nanoTime();
        // the migration connection is closed first: pg_restore drops Strata's own tables too
        PgTools.Result r = PgTools.run(List.of(restore.path().toString(), "--clean", "--if-exists", "--no-owner",
                "--single-transaction", "--exit-on-error", "--no-password", "--dbname=" + url.database(),
                file.toString()), url);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        if (r.exit() != 0) {
            throw new StrataException(ErrorCode.RESTORE_FAILED, "pg_restore failed (exit " + r.exit() + "), the"
                    + " database is unchanged (one transaction): " + firstLines(r.output()));
        }
        String heads;
        try (Connection c = w.openConnection();
             PreparedStatement p = c.prepareStatement("SELECT coalesce(string_agg(revision, '+' ORDER BY revision),"
                     + " 'base') FROM " + w.settings().tables().version())) {
            ResultSet rs = p.executeQuery();
            rs.next();
            heads = rs.getString(1);
        } catch (SQLException e) {
            heads = "base";
        }
        record(w, new HistoryEntry(heads, HistoryEntry.Action.RESTORE, "pg_restore of " + display(w, file),
                sha256(file), Instant.now(), millis, HistoryEntry.Status.OK, null, 0, 0));
        w.notice(RunEvent.Notice.Level.INFO, "restore: done in " + millis + " ms; the database is at " + heads
                + (extra.isEmpty() ? "" : "; tables created after the backup were left: " + String.join(", ", extra)));
        return new Restore(display(w, file), millis, extra);
    }

    /** This database's dumps in the backup folder, newest first. */
    public static List<Path> list(Workspace w) {
        OpsSettings.Backup cfg = w.operations().backup();
        String db = w.url().map(u -> safe(u.database())).orElse(null);
        return dumps(cfg.folder(), db);
    }

    private static List<Path> dumps(Path folder, String db) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (var files = Files.list(folder)) {
            files.forEach(f -> {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches() && (db == null || m.group(1).equals(db))) {
                    out.add(f);
                }
            });
        } catch (IOException e) {
            throw new StrataException(ErrorCode.IO_FAILED, "cannot list " + folder + ": " + e.getMessage(), e);
        }
        // names tell the second; two dumps of one second (a fast upgrade right after another) go by their files' time
        out.sort(Comparator.comparing((Path f) -> stampOf(f)).thenComparing(Backups::modified).reversed());
        return out;
    }

    private static java.nio.file.attribute.FileTime modified(Path f) {
        try {
            return Files.getLastModifiedTime(f);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }

    private static String stampOf(Path f) {
        Matcher m = NAME.matcher(f.getFileName().toString());
        return m.matches() ? m.group(2) : "";
    }

    /** Deletes this database's dumps beyond the newest {@code keep} and older than {@code maxAge}, never {@code current}. */
    static List<Path> prune(OpsSettings.Backup cfg, String database, Path current, Instant now) {
        List<Path> deleted = new ArrayList<>();
        List<Path> all = dumps(cfg.folder(), safe(database));
        for (int i = 0; i < all.size(); i++) {
            Path f = all.get(i);
            if (f.equals(current)) {
                continue;
            }
            boolean tooMany = cfg.keep() > 0 && i >= cfg.keep();
            Instant taken = Instant.from(STAMP.parse(stampOf(f)));
            boolean tooOld = !cfg.maxAge().isZero() && Duration.between(taken, now).compareTo(cfg.maxAge()) > 0;
            if (tooMany || tooOld) {
                deleteQuietly(f);
                deleted.add(f);
            }
        }
        return deleted;
    }

    /** Runs pg_restore --list on the dump; returns its number of entries. */
    private static int verify(PgTools.Tool restore, Path file) {
        PgTools.Result r = PgTools.run(List.of(restore.path().toString(), "--list", file.toString()), null);
        if (r.exit() != 0) {
            deleteQuietly(file);
            throw new StrataException(ErrorCode.BACKUP_FAILED, "the dump does not verify: pg_restore --list failed"
                    + " (exit " + r.exit() + "): " + firstLines(r.output()) + "; nothing was changed");
        }
        return (int) r.output().lines().filter(l -> !l.isBlank() && !l.startsWith(";")).count();
    }

    /** Tables of the database's own schemas that the dump's table of contents does not have. */
    private static List<String> extraTables(Workspace w, String toc) {
        java.util.Set<String> inDump = new java.util.HashSet<>();
        Pattern table = Pattern.compile("^\\d+; \\d+ \\d+ TABLE (\\S+) (\\S+) ");
        toc.lines().forEach(l -> {
            Matcher m = table.matcher(l);
            if (m.find()) {
                inDump.add(m.group(1) + "." + m.group(2));
            }
        });
        List<String> extra = new ArrayList<>();
        try (Connection c = w.openConnection();
             PreparedStatement p = c.prepareStatement("SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n"
                     + " ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog',"
                     + " 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT LIKE '\\_timescaledb%'"
                     + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')"
                     + " ORDER BY 1, 2");
             ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                String key = rs.getString(1) + "." + rs.getString(2);
                if (!inDump.contains(key)) {
                    extra.add(key);
                }
            }
        } catch (SQLException e) {
            throw new StrataException(ErrorCode.CONNECTION_FAILED, "reading the database's tables before the restore: "
                    + e.getMessage(), e);
        }
        return extra;
    }

    private static void record(Workspace w, HistoryEntry entry) {
        var t = w.target();
        t.ensureTables();
        t.record(Bookkeeping.historyOnly(entry));
    }

    private static int serverMajor(Workspace w) {
        try (Connection c = w.openConnection();
             PreparedStatement p = c.prepareStatement("SELECT current_setting('server_version_num')::int");
             ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getInt(1) / 10000;
        } catch (SQLException e) {
            throw new StrataException(ErrorCode.CONNECTION_FAILED, "reading the server version: " + e.getMessage(), e);
        }
    }

    private static Optional<Path> sibling(Path program, String name) {
        Path p = program.resolveSibling(name);
        return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }

    /** Letters, digits, '.', '_', '+' and '-' only: a file name part. */
    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._+-]", "_");
    }

    private static String display(Workspace w, Path file) {
        Path dir = w.settings().projectDir();
        return file.startsWith(dir) ? dir.relativize(file).toString() : file.toString();
    }

    private static String firstLines(String out) {
        List<String> lines = out.lines().filter(l -> !l.isBlank()).limit(3).toList();
        return lines.isEmpty() ? "(no output)" : String.join(" / ", lines);
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new StrataException(ErrorCode.IO_FAILED, "cannot read the size of " + f + ": " + e.getMessage(), e);
        }
    }

    static String sha256(Path f) {
        try (InputStream in = Files.newInputStream(f)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new StrataException(ErrorCode.IO_FAILED, "cannot read " + f + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            // left behind; the next prune or the user removes it
        }
    }
}
