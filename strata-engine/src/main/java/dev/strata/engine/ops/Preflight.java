package dev.strata.engine.ops;

import dev.strata.engine.Status;
import dev.strata.engine.StatusReader;
import dev.strata.engine.Workspace;
import dev.strata.engine.config.Durations;
import dev.strata.engine.config.OpsSettings;
import dev.strata.engine.config.Sizes;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.Revision;
import dev.strata.lint.Effect;
import dev.strata.lint.Finding;
import dev.strata.lint.LintInput;
import dev.strata.lint.LintOptions;
import dev.strata.lint.LintReport;
import dev.strata.lint.Linter;
import dev.strata.lint.LockLevel;
import dev.strata.lint.StatementFacts;
import dev.strata.postgres.JdbcTarget;
import dev.strata.run.MigrationSet;
import dev.strata.run.RunEvent;
import dev.strata.script.MigrationScript;
import dev.strata.sql.SqlStatement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pre-checks of seed 003 ("Pre-Migration Checks") before an upgrade to a target: connectivity, server version,
 * required extensions, the database's revisions and checksums (what {@code check} reads), free space against an
 * estimate of what the pending revisions need, and sessions that would block the pending DDL. Reads only; changes
 * nothing. Each check is ok, warn or fail; the report is the result, nothing is printed.
 */
public final class Preflight {
    private static final Pattern CREATE_EXTENSION = Pattern.compile(
            "(?is)^\\s*create\\s+extension\\s+(?:if\\s+not\\s+exists\\s+)?(\"[^\"]+\"|[\\w-]+)");
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "::1");

    private Preflight() {
    }

    /** Runs every check for an upgrade to {@code target}. */
    public static PreflightReport run(Workspace w, String target) {
        return run(w, target, dev.strata.engine.Runs.Options.DEFAULT);
    }

    /**
     * Runs every check for an upgrade to {@code target} with {@code run}'s options: unknown applied revisions and
     * half-applied ones only warn when the upgrade is told to ignore or resume them.
     */
    public static PreflightReport run(Workspace w, String target, dev.strata.engine.Runs.Options run) {
        return check(w, target, run).told(w);
    }

    /** A report with the notices that tell it (given by {@link #told}, on the caller's thread). */
    private record Checked(PreflightReport report, List<String> notices) {
        PreflightReport told(Workspace w) {
            notices.forEach(n -> w.notice(RunEvent.Notice.Level.DEBUG, n));
            return report;
        }
    }

    /**
     * The pre-checks of an upgrade, begun on a thread of their own ({@link #ahead}) while the caller lints the same
     * revisions: they read the database and the linter reads the files, so neither waits for the other. Nothing is
     * told until {@link #take} (on the caller's thread, where {@link Upgrade#run} would have run them).
     */
    public static final class Ahead {
        private final String target;
        private final dev.strata.engine.Runs.Options run;
        private final java.util.concurrent.CompletableFuture<Checked> checked =
                new java.util.concurrent.CompletableFuture<>();

        private Ahead(String target, dev.strata.engine.Runs.Options run) {
            this.target = target;
            this.run = run;
        }

        /**
         * Waits for the checks to end, whatever they found: they read the database's state on the run's own
         * connection, which the caller must not use before.
         */
        void finish() {
            checked.join();
        }

        /**
         * The report of the checks begun for {@code target} and {@code run}, its notices told now; empty when they
         * were begun for something else, found nothing pending, or failed to run (then the caller runs them itself,
         * and reports what fails).
         */
        Optional<PreflightReport> take(Workspace w, String target, dev.strata.engine.Runs.Options run) {
            // the caller passes the same options object (a record's first equals() costs 10-20 ms of bootstrapping in
            // a cold JVM, in front of the first revision)
            if (!this.target.equals(target) || this.run != run && !this.run.equals(run)) {
                return Optional.empty();
            }
            Checked c = checked.join();
            return c == null ? Optional.empty() : Optional.of(c.told(w));
        }
    }

    /**
     * Begins the pre-checks of an upgrade to {@code target} on a thread of their own (see {@link Ahead}); they wait
     * there for the revisions and the database's state that the caller is reading. When nothing is pending, or the
     * checks are off, nothing is checked.
     */
    public static Ahead ahead(Workspace w, String target, dev.strata.engine.Runs.Options run) {
        Ahead a = new Ahead(target, run);
        Thread t = new Thread(() -> {
            Checked c = null;
            try {
                if (w.operations().preflight().enabled()) {
                    Pending p = Pending.of(w, target);
                    if (!p.steps().isEmpty() || !p.state().partial().isEmpty()) {
                        c = check(w, target, run);
                    }
                }
            } catch (RuntimeException | Error e) {
                c = null; // a bad revision file, no connection: the caller's own reading reports it
            } finally {
                a.checked.complete(c);
            }
        }, "strata-preflight");
        t.setDaemon(true);
        t.start();
        return a;
    }

    private static Checked check(Workspace w, String target, dev.strata.engine.Runs.Options run) {
        List<PreflightReport.Check> checks = new ArrayList<>();
        OpsSettings.Preflight cfg = w.operations().preflight();
        JdbcTarget jdbc;
        try {
            jdbc = w.target();
        } catch (StrataException e) {
            if (e.code() != ErrorCode.CONNECTION_FAILED && e.code() != ErrorCode.EMBEDDED_FAILED) {
                throw e;
            }
            checks.add(PreflightReport.Check.of("connection", PreflightReport.FAIL, e.getMessage()));
            return new Checked(PreflightReport.of(checks), List.of());
        }
        long t0 = System.nanoTime(); // from connected: a check begun ahead may have waited for the connection
        // the run's own connection, not one more: the checks only read (autocommit), and a second connection cost
        // 40-50 ms in front of the first revision of an apply (a new backend, pgjdbc's start-up again)
        Connection c = jdbc.connection();
        try {
            Server server = server(c);
            long connected = w.connectMillis();
            checks.add(PreflightReport.Check.of("connection", PreflightReport.OK, "connected to database "
                    + server.database + " as " + server.user + (connected >= 0 ? " in " + connected + " ms" : "")));
            checks.add(serverVersion(server, cfg));
            MigrationSet set = w.migrations();
            Status status = StatusReader.read(w);
            checks.add(revisions(status, run));
            checks.add(checksums(status));
            if (!status.unknownApplied().isEmpty() && !run.ignoreUnknown()) {
                return done(checks, t0);
            }
            Pending pending = Pending.of(w, target);
            // In a database without a relation, no statement can touch a table that exists now: of the statements,
            // only CREATE EXTENSION counts, and only revisions that say "extension" are split for it (the others are
            // split as they run, while the server works on the one before).
            List<Pending.FileStatements> statements = server.hasRelations ? pending.statements(w)
                    : pending.statements(w, MigrationScript::mayCreateExtension);
            checks.add(extensions(c, cfg, statements));
            Map<String, long[]> existing = existing(c, statements);
            checks.add(diskSpace(w, c, cfg, set, pending, statements, existing));
            checks.add(sessions(c, cfg, statements, existing));
            checks.add(migrationLock(jdbc));
        } catch (SQLException e) {
            throw new StrataException(ErrorCode.CONNECTION_FAILED, "preflight: reading the server's state failed: "
                    + e.getMessage() + "; check the connection and the role's privileges", e);
        }
        return done(checks, t0);
    }

    private static Checked done(List<PreflightReport.Check> checks, long t0) {
        PreflightReport r = PreflightReport.of(checks);
        List<String> notices = new ArrayList<>();
        notices.add("preflight: " + checks.size() + " checks in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        for (PreflightReport.Check c : r.checks()) {
            notices.add("preflight " + c.name() + ": " + c.status() + ": " + c.detail());
        }
        return new Checked(r, notices);
    }

    /**
     * The server and the session, read in one query.
     *
     * @param hasRelations whether the database has a relation outside the system schemas (of an extension's too)
     */
    private record Server(int versionNum, String version, String user, String database, boolean hasRelations) {
    }

    private static Server server(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT current_setting('server_version_num')::int,"
                + " current_setting('server_version'), current_user, current_database(),"
                + " EXISTS (SELECT FROM pg_catalog.pg_class r JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace"
                + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'"
                + " AND n.nspname NOT LIKE 'pg\\_temp\\_%')");
             ResultSet rs = p.executeQuery()) {
            rs.next();
            return new Server(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5));
        }
    }

    private static PreflightReport.Check serverVersion(Server s, OpsSettings.Preflight cfg) {
        int major = s.versionNum / 10000;
        if (cfg.minServerVersion() > 0 && major < cfg.minServerVersion()) {
            return PreflightReport.Check.of("server_version", PreflightReport.FAIL, "PostgreSQL " + s.version
                    + " is older than the required " + cfg.minServerVersion() + " ([preflight] min_server_version)");
        }
        return PreflightReport.Check.of("server_version", PreflightReport.OK, "PostgreSQL " + s.version
                + (cfg.minServerVersion() > 0 ? " (at least " + cfg.minServerVersion() + " required)" : ""));
    }

    private static PreflightReport.Check revisions(Status st, dev.strata.engine.Runs.Options run) {
        if (!st.unknownApplied().isEmpty()) {
            return PreflightReport.Check.of("revisions", run.ignoreUnknown() ? PreflightReport.WARN
                    : PreflightReport.FAIL, "the database has applied revisions the project does not know: "
                    + String.join(", ", st.unknownApplied()) + (run.ignoreUnknown() ? " (ignored)"
                    : "; deploy the code that has them"));
        }
        if (!st.needsRepair().isEmpty()) {
            return PreflightReport.Check.of("revisions", run.resume() ? PreflightReport.WARN : PreflightReport.FAIL,
                    "half-applied: " + String.join(", ",
                    st.needsRepair().stream().map(n -> n.revision() + " (" + n.statementsRun() + " of "
                            + n.statementsTotal() + " statements)").toList()) + "; run upgrade --resume or repair");
        }
        String at = st.current().isEmpty() ? "base" : String.join(", ", st.current());
        return PreflightReport.Check.of("revisions", PreflightReport.OK, "at " + at + ", known to the project; "
                + st.pending().size() + " pending");
    }

    private static PreflightReport.Check checksums(Status st) {
        if (st.checksumMismatches().isEmpty()) {
            return PreflightReport.Check.of("checksums", PreflightReport.OK, "every applied revision matches its file");
        }
        return PreflightReport.Check.of("checksums", PreflightReport.FAIL, "changed after they were applied: "
                + String.join(", ", st.checksumMismatches().stream().map(m -> m.revision() + " (" + m.file() + ")")
                .toList()) + "; restore the files, or accept a deliberate edit with repair --accept-checksum REV");
    }

    private static PreflightReport.Check extensions(Connection c, OpsSettings.Preflight cfg,
                                                    List<Pending.FileStatements> pending) throws SQLException {
        Map<String, String> wanted = new LinkedHashMap<>();
        cfg.extensions().forEach(e -> wanted.put(e, "[preflight] extensions"));
        for (Pending.FileStatements f : pending) {
            for (SqlStatement s : f.statements()) {
                Matcher m = CREATE_EXTENSION.matcher(s.sql());
                if (m.find()) {
                    String name = m.group(1).startsWith("\"") ? m.group(1).substring(1, m.group(1).length() - 1)
                            : m.group(1).toLowerCase(Locale.ROOT);
                    wanted.putIfAbsent(name, f.file() + ":" + s.line());
                }
            }
        }
        if (wanted.isEmpty()) {
            return PreflightReport.Check.of("extensions", PreflightReport.OK, "none required");
        }
        Map<String, String[]> available = new LinkedHashMap<>();
        String preload;
        try (PreparedStatement p = c.prepareStatement("SELECT name, default_version, installed_version"
                + " FROM pg_available_extensions WHERE name = ANY (?)")) {
            p.setArray(1, c.createArrayOf("text", wanted.keySet().toArray()));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    available.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("SELECT current_setting('shared_preload_libraries')");
             ResultSet rs = p.executeQuery()) {
            rs.next();
            preload = rs.getString(1);
        }
        List<String> missing = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            String[] v = available.get(e.getKey());
            if (v == null) {
                missing.add(e.getKey() + " (required by " + e.getValue() + ")");
            } else if (e.getKey().equals("timescaledb") && v[1] == null && !preload.contains("timescaledb")) {
                missing.add("timescaledb is installed but not in shared_preload_libraries (required by " + e.getValue()
                        + ")");
            } else {
                found.add(e.getKey() + " " + (v[1] != null ? v[1] + " installed" : v[0] + " available"));
            }
        }
        if (!missing.isEmpty()) {
            return PreflightReport.Check.of("extensions", PreflightReport.FAIL, "not available on the server: "
                    + String.join(", ", missing) + "; install the extension's package for this server version");
        }
        return PreflightReport.Check.of("extensions", PreflightReport.OK, String.join(", ", found));
    }

    private static PreflightReport.Check diskSpace(Workspace w, Connection c, OpsSettings.Preflight cfg,
                                                   MigrationSet set, Pending pending,
                                                   List<Pending.FileStatements> statements,
                                                   Map<String, long[]> existing) throws SQLException {
        // what the pending revisions need: rewrites (the linter's findings) copy table and indexes, index builds
        // (recognised statements, CONCURRENTLY included) write about the table's size again
        Map<String, Long> needs = new LinkedHashMap<>();
        Set<String> counted = new HashSet<>();
        // rewrites and index builds matter only on tables that exist now; without any, the linter need not run
        if (!existing.isEmpty()) {
            Set<String> files = new HashSet<>();
            statements.forEach(f -> files.add(f.file()));
            List<LintInput> chain = new ArrayList<>();
            for (Revision r : set.graph().all()) {
                chain.add(LintInput.of(set.script(r.id()), null));
            }
            LintReport report = new Linter(LintOptions.DEFAULTS).lint(chain, in -> files.contains(in.file()));
            for (Finding f : report.findings()) {
                if (f.downgrade() || f.table() == null || !f.effects().contains(Effect.REWRITE)) {
                    continue;
                }
                long[] size = existing.get(f.table());
                if (size != null && counted.add(f.location().toString())) {
                    needs.merge("rewrite of " + f.table(), size[0], Long::sum);
                }
            }
            for (Pending.FileStatements f : statements) {
                for (StatementFacts.Touch t : f.touches()) {
                    if (!t.buildsIndex()) {
                        continue;
                    }
                    long[] size = existing.get(t.table());
                    if (size != null && counted.add(f.file() + ":" + t.line())) {
                        needs.merge("index build on " + t.table(), size[1], Long::sum);
                    }
                }
            }
        }
        long need = needs.values().stream().mapToLong(Long::longValue).sum();
        String estimate = need == 0 ? "the pending revisions rewrite or index no existing table"
                : "the pending revisions need about " + Sizes.format(need) + " ("
                + String.join(", ", needs.entrySet().stream().map(e -> e.getKey() + " " + Sizes.format(e.getValue()))
                .toList()) + ")";
        String minimum = cfg.minFreeBytes() > 0 ? ", minimum " + Sizes.format(cfg.minFreeBytes()) : "";
        Free free = freeSpace(w, c, cfg);
        if (free.bytes < 0) {
            String status = need > 0 || cfg.minFreeBytes() > 0 ? PreflightReport.WARN : PreflightReport.OK;
            return PreflightReport.Check.of("disk_space", status, "free space unknown (" + free.why + "); " + estimate
                    + minimum);
        }
        String detail = Sizes.format(free.bytes) + " free on " + free.where + "; " + estimate + minimum;
        if (free.bytes < need + cfg.minFreeBytes()) {
            return PreflightReport.Check.of("disk_space", PreflightReport.FAIL, detail
                    + "; free space on the server first");
        }
        return PreflightReport.Check.of("disk_space", PreflightReport.OK, detail);
    }

    /**
     * The tables the pending statements lock that exist now (one query), with {pg_total_relation_size,
     * pg_relation_size}, by the linter's key.
     */
    private static Map<String, long[]> existing(Connection c, List<Pending.FileStatements> statements)
            throws SQLException {
        Map<String, String> byText = new LinkedHashMap<>();
        for (Pending.FileStatements f : statements) {
            for (StatementFacts.Touch t : f.touches()) {
                byText.put(regclassText(t.table()), t.table());
            }
        }
        Map<String, long[]> out = new LinkedHashMap<>();
        if (byText.isEmpty()) {
            return out;
        }
        try (PreparedStatement p = c.prepareStatement("SELECT k, pg_total_relation_size(r), pg_relation_size(r)"
                + " FROM unnest(?::text[]) k, LATERAL to_regclass(k) r WHERE r IS NOT NULL")) {
            p.setArray(1, c.createArrayOf("text", byText.keySet().toArray()));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.put(byText.get(rs.getString(1)), new long[] {rs.getLong(2), rs.getLong(3)});
                }
            }
        }
        return out;
    }

    /** The linter's table key as text for to_regclass: each part quoted. */
    private static String regclassText(String key) {
        List<String> parts = new ArrayList<>();
        for (String part : key.split("\\.")) {
            parts.add(dev.strata.sql.SqlText.ident(part));
        }
        return String.join(".", parts);
    }

    private record Free(long bytes, String where, String why) {
    }

    private static Free freeSpace(Workspace w, Connection c, OpsSettings.Preflight cfg) {
        if (cfg.dataDirectory().isPresent()) {
            return local(cfg.dataDirectory().get(), "[preflight] data_directory");
        }
        String dataDir;
        try (PreparedStatement p = c.prepareStatement("SELECT current_setting('data_directory')");
             ResultSet rs = p.executeQuery()) {
            rs.next();
            dataDir = rs.getString(1);
        } catch (SQLException e) {
            return new Free(-1, null, "this role may not read data_directory (superuser or pg_read_all_settings"
                    + " needed), and PostgreSQL reports no free space over SQL; set [preflight] data_directory to a"
                    + " path on the server's data file system mounted here");
        }
        boolean local = w.embedded() || w.url().map(u -> u.hosts().stream()
                .allMatch(h -> LOCAL_HOSTS.contains(h.host()) || h.host().startsWith("/"))).orElse(false);
        if (!local) {
            return new Free(-1, null, "the server's data directory " + dataDir + " is on another machine and"
                    + " PostgreSQL reports no free space over SQL; set [preflight] data_directory to a path of that"
                    + " file system mounted here, or check it on the server");
        }
        return local(Path.of(dataDir), "the server's data directory");
    }

    private static Free local(Path p, String what) {
        try {
            Path existing = p;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return new Free(-1, null, what + " " + p + " does not exist here");
            }
            return new Free(Files.getFileStore(existing).getUsableSpace(), p.toString(), null);
        } catch (IOException | SecurityException e) {
            return new Free(-1, null, what + " " + p + " cannot be read here: " + e.getMessage());
        }
    }

    private static PreflightReport.Check sessions(Connection c, OpsSettings.Preflight cfg,
                                                  List<Pending.FileStatements> statements,
                                                  Map<String, long[]> existing) throws SQLException {
        Map<String, LockLevel> needed = new LinkedHashMap<>();
        boolean concurrentBuild = false;
        for (Pending.FileStatements f : statements) {
            for (StatementFacts.Touch t : f.touches()) {
                if (existing.containsKey(t.table())) {
                    needed.merge(t.table(), t.lock(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
                    concurrentBuild |= t.buildsIndex() && t.lock() == LockLevel.SHARE_UPDATE_EXCLUSIVE;
                }
            }
        }
        List<PreflightReport.Session> blocking = new ArrayList<>();
        List<PreflightReport.Session> brief = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        String sql = "SELECT a.pid, a.usename, a.application_name, a.state,"
                + " coalesce(extract(epoch FROM now() - coalesce(a.xact_start, a.query_start))::bigint, 0),"
                + " l.mode, left(a.query, 200), l.granted, t.k"
                + " FROM unnest(?::text[]) t(k) JOIN pg_locks l ON l.relation = to_regclass(t.k)"
                + " JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'relation' AND l.pid <> pg_backend_pid()"
                + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " ORDER BY a.pid, t.k";
        Map<String, String> byText = new LinkedHashMap<>();
        needed.keySet().forEach(k -> byText.put(regclassText(k), k));
        if (!needed.isEmpty()) {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setArray(1, c.createArrayOf("text", byText.keySet().toArray()));
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        Map.Entry<String, LockLevel> e = Map.entry(byText.get(rs.getString(9)),
                                needed.get(byText.get(rs.getString(9))));
                        if (conflicts(rs.getString(6), e.getValue()) && seen.add(rs.getInt(1))) {
                            boolean old = rs.getLong(5) >= cfg.lockHolderAge().toSeconds();
                            (old ? blocking : brief).add(new PreflightReport.Session(rs.getInt(1), rs.getString(2),
                                    rs.getString(3), rs.getString(4), rs.getLong(5), e.getKey(), rs.getString(6)
                                    + (rs.getBoolean(8) ? "" : " (waiting)"), oneLine(rs.getString(7)),
                                    old ? "blocks" : "brief"));
                        }
                    }
                }
            }
        }
        List<PreflightReport.Session> old = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT pid, usename, application_name, state,"
                + " extract(epoch FROM now() - xact_start)::bigint, left(query, 200) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
                + " AND xact_start < now() - make_interval(secs => ?) ORDER BY xact_start")) {
            p.setDouble(1, cfg.longTransaction().toMillis() / 1000.0);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    if (!seen.contains(rs.getInt(1))) {
                        old.add(new PreflightReport.Session(rs.getInt(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getLong(5), null, null, oneLine(rs.getString(6)),
                                "long_transaction"));
                    }
                }
            }
        }
        List<PreflightReport.Session> all = new ArrayList<>(blocking);
        all.addAll(brief);
        all.addAll(old);
        if (!blocking.isEmpty()) {
            return new PreflightReport.Check("sessions", PreflightReport.FAIL, blocking.size()
                    + " session(s) hold locks the pending DDL needs: " + describe(blocking)
                    + "; end them (pg_terminate_backend(pid)) or wait", all);
        }
        if (!brief.isEmpty()) {
            return new PreflightReport.Check("sessions", PreflightReport.WARN, brief.size() + " session(s) in"
                    + " transactions younger than " + Durations.format(cfg.lockHolderAge()) + " hold locks the"
                    + " pending DDL needs: " + describe(brief) + "; the run waits for them (lock_timeout retries)", all);
        }
        if (!old.isEmpty()) {
            String why = old.size() + " transaction(s) open longer than " + Durations.format(cfg.longTransaction())
                    + ": " + describe(old);
            return concurrentBuild
                    ? new PreflightReport.Check("sessions", PreflightReport.FAIL, why + "; a CREATE INDEX CONCURRENTLY"
                    + " of the pending revisions waits for every older transaction to end; end them or wait", all)
                    : new PreflightReport.Check("sessions", PreflightReport.WARN, why, all);
        }
        return new PreflightReport.Check("sessions", PreflightReport.OK, needed.isEmpty()
                ? "no transaction open longer than " + Durations.format(cfg.longTransaction())
                : "nothing holds a lock on " + String.join(", ", new TreeSet<>(needed.keySet()))
                + " that the pending DDL needs; no transaction open longer than "
                + Durations.format(cfg.longTransaction()), List.of());
    }

    private static String describe(List<PreflightReport.Session> sessions) {
        return String.join(", ", sessions.stream().map(s -> "pid " + s.pid() + " (user " + s.user()
                + ", application '" + (s.application() == null ? "" : s.application()) + "', " + s.state() + " for "
                + s.ageSeconds() + " s" + (s.table() == null ? "" : ", " + s.mode() + " on " + s.table())
                + ", query: " + shorten(s.query(), 60) + ")").toList());
    }

    private static String oneLine(String q) {
        return q == null ? "" : q.replaceAll("\\s+", " ").strip();
    }

    private static String shorten(String q, int max) {
        return q.length() <= max ? q : q.substring(0, max - 3) + "...";
    }

    private static PreflightReport.Check migrationLock(JdbcTarget jdbc) {
        var holder = jdbc.lockHolder();
        if (holder == null) {
            return PreflightReport.Check.of("migration_lock", PreflightReport.OK, "free");
        }
        return PreflightReport.Check.of("migration_lock", PreflightReport.WARN, "another runner holds it: " + holder
                + "; upgrade waits for it (lock_wait)");
    }

    /** Whether a held mode (pg_locks spelling) conflicts with the lock a statement needs (PostgreSQL 15 docs, 13.3.1). */
    static boolean conflicts(String held, LockLevel needed) {
        List<String> c = switch (needed) {
            case ACCESS_EXCLUSIVE -> List.of("AccessShareLock", "RowShareLock", "RowExclusiveLock",
                    "ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock",
                    "AccessExclusiveLock");
            case EXCLUSIVE -> List.of("RowShareLock", "RowExclusiveLock", "ShareUpdateExclusiveLock", "ShareLock",
                    "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock");
            case SHARE_ROW_EXCLUSIVE -> List.of("RowExclusiveLock", "ShareUpdateExclusiveLock", "ShareLock",
                    "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock");
            case SHARE -> List.of("RowExclusiveLock", "ShareUpdateExclusiveLock", "ShareRowExclusiveLock",
                    "ExclusiveLock", "AccessExclusiveLock");
            case SHARE_UPDATE_EXCLUSIVE -> List.of("ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock",
                    "ExclusiveLock", "AccessExclusiveLock");
            case ROW_EXCLUSIVE -> List.of("ShareLock", "ShareRowExclusiveLock", "ExclusiveLock",
                    "AccessExclusiveLock");
        };
        return c.contains(held);
    }
}
