package dev.strata.bench.online;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A trace of what the server was doing during a change ({@code -Donline.trace=true}): every 20 ms, on a connection
 * of its own, what the change's session runs and waits for, what the load's busy sessions wait for, the WAL
 * position and the checkpointer's and backends' buffer writes. Printed afterwards: when the change's statements
 * changed (its phases), and for every slow write what was going on while it was in flight.
 */
final class Timeline implements AutoCloseable {

    private record Sample(long nanos, String ddl, String ddlWait, String loadWaits, long wal, long checkpoints,
                          long backendWrites, long checkpointWrites) {
    }

    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private final int ddlPid;
    private final long ddlCpu0;
    private final long jvmCpu0;
    private long ddlCpu;
    private long jvmCpu;

    private Timeline(String url, int ddlPid) {
        this.ddlPid = ddlPid;
        this.ddlCpu0 = backendCpuMillis(ddlPid);
        this.jvmCpu0 = jvmCpuMillis();
        thread = new Thread(() -> sample(url), "online-timeline");
        thread.setDaemon(true);
        thread.start();
    }

    static Timeline startIfTracing(String url, Connection ddl) throws SQLException {
        if (!Boolean.getBoolean("online.trace")) {
            return null;
        }
        try (Statement s = ddl.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return new Timeline(url, rs.getInt(1));
        }
    }

    private void sample(String url) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("SET application_name = 'online-bench-timeline'");
            String sql = "SELECT (SELECT coalesce(left(regexp_replace(query, '\\s+', ' ', 'g'), 70), '') || ' [' || state || ']'"
                    + " FROM pg_stat_activity WHERE pid = " + ddlPid + "),"
                    + " (SELECT coalesce(wait_event_type || ':' || wait_event, '') FROM pg_stat_activity"
                    + " WHERE pid = " + ddlPid + ") || (SELECT ' ckp:' || coalesce(wait_event, 'cpu') FROM pg_stat_activity"
                    + " WHERE backend_type = 'checkpointer') || (SELECT ' ww:' || coalesce(wait_event, 'cpu') FROM pg_stat_activity"
                    + " WHERE backend_type = 'walwriter'),"
                    + " (SELECT string_agg(coalesce(wait_event, 'cpu'), ',' ORDER BY wait_event) FROM pg_stat_activity"
                    + " WHERE application_name = 'online-bench-load' AND state = 'active'),"
                    + " pg_current_wal_lsn() - '0/0'::pg_lsn, b.checkpoints_timed + b.checkpoints_req, b.buffers_backend,"
                    + " b.buffers_checkpoint FROM pg_stat_bgwriter b";
            while (running) {
                long now = System.nanoTime();
                try (ResultSet rs = s.executeQuery(sql)) {
                    rs.next();
                    Sample x = new Sample(now, String.valueOf(rs.getString(1)), String.valueOf(rs.getString(2)),
                            String.valueOf(rs.getString(3)), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7));
                    synchronized (samples) {
                        samples.add(x);
                    }
                }
                long wait = 20_000_000L - (System.nanoTime() - now);
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000L);
                }
            }
        } catch (SQLException | InterruptedException e) {
            System.err.println("timeline stopped: " + e.getMessage());
        }
    }

    /** CPU time (user + system) of a local server process in ms, from /proc; -1 when not readable. */
    static long backendCpuMillis(int pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    static long jvmCpuMillis() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1_000_000 : -1;
    }

    @Override
    public void close() throws InterruptedException {
        ddlCpu = backendCpuMillis(ddlPid) - ddlCpu0;
        jvmCpu = jvmCpuMillis() - jvmCpu0;
        running = false;
        thread.join();
    }

    /** Prints the phases of the change in {@code [start, end]} and the context of every write slower than {@code slowNanos}. */
    void print(PrintStream out, LatencyRecorder recorder, long start, long end, long slowNanos) {
        List<Sample> all;
        synchronized (samples) {
            all = List.copyOf(samples);
        }
        out.printf(Locale.ROOT, "    CPU: change's backend %.2f s, benchmark JVM (load and change) %.2f s%n", ddlCpu / 1e3, jvmCpu / 1e3);
        java.util.Map<String, Integer> waits = new java.util.TreeMap<>();
        int inChange = 0;
        for (Sample x : all) {
            if (x.nanos >= start && x.nanos <= end) {
                inChange++;
                if (!"null".equals(x.loadWaits)) {
                    for (String w : x.loadWaits.split(",")) {
                        waits.merge(w, 1, Integer::sum);
                    }
                }
            }
        }
        out.println("    load sessions' waits in " + inChange + " samples: " + waits);
        String phase = null;
        Sample first = null;
        for (Sample x : all) {
            if (x.nanos < start || x.nanos > end) {
                continue;
            }
            if (first == null) {
                first = x;
            }
            String p = x.ddl.length() > 24 ? x.ddl.substring(0, 24) : x.ddl;
            if (!p.equals(phase)) {
                out.printf(Locale.ROOT, "    %+7.2f s  ddl %s  (WAL +%,d MB, ckpt +%d, backend writes +%,d)%n",
                        (x.nanos - start) / 1e9, x.ddl, (x.wal - first.wal) >> 20, x.checkpoints - first.checkpoints,
                        x.backendWrites - first.backendWrites);
                phase = p;
            }
        }
        List<long[]> clusters = new ArrayList<>();
        for (long[] w : recorder.slowWrites(start, end, slowNanos)) {
            long[] last = clusters.isEmpty() ? null : clusters.get(clusters.size() - 1);
            if (last != null && w[0] <= last[1]) {
                last[1] = Math.max(last[1], w[1]);
                last[2] = Math.max(last[2], w[1] - w[0]);
                last[3]++;
            } else {
                clusters.add(new long[] {w[0], w[1], w[1] - w[0], 1});
            }
        }
        for (long[] w : clusters) {
            out.printf(Locale.ROOT, "    %d slow writes from %+7.2f s, worst %.1f ms:%n", w[3], (w[0] - start) / 1e9, w[2] / 1e6);
            Sample prev = null;
            for (Sample x : all) {
                if (x.nanos >= w[0] - 20_000_000L && x.nanos <= w[1]) {
                    long walRate = prev == null ? 0 : (x.wal - prev.wal) * 1_000_000_000L / Math.max(1, x.nanos - prev.nanos) >> 20;
                    out.printf(Locale.ROOT, "      %+7.3f ddl %-40.40s %-50s load %-40s WAL %4d MB/s ckpt %d bw %,d cw %,d%n",
                            (x.nanos - start) / 1e9, x.ddl, x.ddlWait, x.loadWaits, walRate, x.checkpoints,
                            x.backendWrites, x.checkpointWrites);
                }
                prev = x;
            }
        }
    }
}
