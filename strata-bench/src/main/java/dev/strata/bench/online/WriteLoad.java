package dev.strata.bench.online;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The application: a pool of autocommit connections making small writes to {@code orders} on a fixed
 * schedule. Open loop: a dispatcher enqueues one write every {@code 1/rate} seconds whatever happens;
 * workers take them in order, and each write's latency runs from its scheduled time, so a stall shows as
 * latency (and a queue that drains afterwards), never as fewer requests. Seven writes in ten update one
 * random existing row, three insert a new row. Every write has a 30 s statement timeout.
 */
final class WriteLoad implements AutoCloseable {

    static final String STATEMENT_TIMEOUT = "30s";

    private static final String UPDATE =
            "UPDATE orders SET amount = amount + 1, note = ? WHERE id = ?";
    private static final String INSERT =
            "INSERT INTO orders (id, customer_id, amount, qty, ref, note) VALUES (?, ?, ?, ?, md5(?::text)::uuid, ?)";

    private final String url;
    private final int rate;
    private final long existingRows;
    private final int customers;
    private final AtomicLong nextId;
    private final BlockingQueue<Long> queue = new LinkedBlockingQueue<>();
    private final LatencyRecorder recorder = new LatencyRecorder();
    private final List<Thread> workers = new ArrayList<>();
    private final Thread dispatcher;
    private volatile boolean dispatching = true;
    private volatile boolean working = true;
    private volatile String connectFailure;

    private WriteLoad(String url, int rate, int pool, long existingRows, int customers, long maxId)
            throws InterruptedException {
        this.url = url;
        this.rate = rate;
        this.existingRows = existingRows;
        this.customers = customers;
        this.nextId = new AtomicLong(maxId + 1);
        CountDownLatch connected = new CountDownLatch(pool);
        for (int i = 0; i < pool; i++) {
            Thread worker = new Thread(() -> work(connected), "write-load-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        if (!connected.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the write-load pool could not connect within 30 s to " + redact(url));
        }
        if (connectFailure != null) {
            working = false;
            throw new IllegalStateException("the write-load pool could not connect to " + redact(url) + ": " + connectFailure);
        }
        dispatcher = new Thread(this::dispatch, "write-load-dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    /**
     * Opens {@code pool} connections and starts writing {@code rate} times a second. Updates pick ids in
     * {@code [1, existingRows]}; inserts take ids above {@code maxId} and customers in {@code [1, customers]}.
     */
    static WriteLoad start(String url, int rate, int pool, long existingRows, int customers, long maxId)
            throws InterruptedException {
        return new WriteLoad(url, rate, pool, existingRows, customers, maxId);
    }

    /** Stops scheduling, lets the workers finish what is queued, and returns every write's record. */
    LatencyRecorder stop() throws InterruptedException {
        dispatching = false;
        dispatcher.join();
        working = false;
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(60));
        }
        return recorder;
    }

    @Override
    public void close() throws InterruptedException {
        if (dispatching) {
            stop();
        }
    }

    private void dispatch() {
        long period = 1_000_000_000L / rate;
        long next = System.nanoTime();
        while (dispatching) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            queue.add(next);
            next += period;
        }
    }

    private void work(CountDownLatch connected) {
        Connection connection;
        try {
            connection = open();
        } catch (SQLException e) {
            connectFailure = e.getMessage();
            connected.countDown();
            return;
        }
        connected.countDown();
        try {
            PreparedStatement update = connection.prepareStatement(UPDATE);
            PreparedStatement insert = connection.prepareStatement(INSERT);
            while (true) {
                Long scheduled = queue.poll(50, TimeUnit.MILLISECONDS);
                if (scheduled == null) {
                    if (!working) {
                        return;
                    }
                    continue;
                }
                String error = null;
                try {
                    write(update, insert);
                } catch (SQLException e) {
                    error = e.getSQLState() + " " + e.getMessage();
                    if (!connection.isValid(2)) {
                        connection.close();
                        connection = open();
                        update = connection.prepareStatement(UPDATE);
                        insert = connection.prepareStatement(INSERT);
                    }
                }
                recorder.record(scheduled, System.nanoTime(), error);
            }
        } catch (SQLException e) {
            recorder.record(System.nanoTime(), System.nanoTime(), "worker lost its connection: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(connection);
        }
    }

    private void write(PreparedStatement update, PreparedStatement insert) throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (random.nextInt(10) < 7) {
            update.setString(1, "updated " + random.nextInt(1_000_000));
            update.setLong(2, 1 + random.nextLong(existingRows));
            update.executeUpdate();
        } else {
            long id = nextId.getAndIncrement();
            insert.setLong(1, id);
            insert.setInt(2, 1 + random.nextInt(customers));
            insert.setInt(3, random.nextInt(100_000));
            insert.setInt(4, 1 + random.nextInt(50));
            insert.setLong(5, id);
            insert.setString(6, "new order " + id);
            insert.executeUpdate();
        }
    }

    private Connection open() throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        connection.setAutoCommit(true);
        try (Statement s = connection.createStatement()) {
            s.execute("SET statement_timeout = '" + STATEMENT_TIMEOUT + "'");
            s.execute("SET application_name = 'online-bench-load'");
        }
        return connection;
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the load is over; nothing to report
            }
        }
    }

    /** The URL without its parameters, which may hold a password. */
    static String redact(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
