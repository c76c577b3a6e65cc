package dev.strata.engine.schema;

import dev.strata.embedded.ScratchServer;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.postgres.PgConnections;
import dev.strata.postgres.PgUrl;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Scratch databases for one command. With a dev URL, each is {@code CREATE DATABASE strata_scratch_<hex>}
 * on that server; without one, a single throw-away embedded PostgreSQL is started (on first use, for the
 * whole command) and the databases are made inside it. {@link #close()} drops every database it made
 * ({@code WITH (FORCE)}) and stops the embedded server, whatever happened before.
 */
public final class Scratch implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Optional<PgUrl> devUrl;
    private final Consumer<String> notice;
    private final Consumer<String> debug;
    private final List<ScratchDb> created = new ArrayList<>();
    private ScratchServer server;
    private PgUrl admin;

    private Scratch(Optional<PgUrl> devUrl, Consumer<String> notice, Consumer<String> debug) {
        this.devUrl = devUrl;
        this.notice = notice;
        this.debug = debug;
    }

    /**
     * @param devUrl a server URL (any database on it: scratch databases are created next to it), or empty
     *               for an embedded server
     * @param notice where to say what is happening (a line for people)
     * @param debug  where to put details (shown with --verbose)
     */
    public static Scratch open(Optional<String> devUrl, Consumer<String> notice, Consumer<String> debug) {
        return new Scratch(devUrl.map(PgUrl::parse), notice, debug);
    }

    /** Creates a new, empty scratch database. */
    public synchronized ScratchDb create() {
        PgUrl base = admin();
        String name = "strata_scratch_" + HexFormat.of().formatHex(random());
        run(base, "CREATE DATABASE " + name + " TEMPLATE template0", "creating scratch database " + name);
        ScratchDb db = new ScratchDb(name, new PgUrl(base.scheme(), base.hosts(), name, base.user(), base.password(),
                base.parameters()));
        created.add(db);
        return db;
    }

    private synchronized PgUrl admin() {
        if (admin == null) {
            if (devUrl.isPresent()) {
                admin = devUrl.get();
                debug.accept("scratch databases on " + admin.redacted());
            } else {
                notice.accept("starting a throw-away embedded PostgreSQL for scratch databases (pass --dev-url to use a server of yours)");
                server = ScratchServer.start();
                admin = PgUrl.parse(server.adminJdbcUrl());
            }
        }
        return admin;
    }

    private static byte[] random() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return b;
    }

    private static void run(PgUrl url, String sql, String what) {
        try (Connection c = PgConnections.open(url, "strata-scratch"); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new StrataException(ErrorCode.CONNECTION_FAILED, what + " on " + url.redacted() + " failed: "
                    + SchemaFolder.oneLine(e) + "; the dev URL's user needs the CREATEDB privilege", e);
        }
    }

    @Override
    public synchronized void close() {
        RuntimeException first = null;
        // an embedded server's data directory is deleted when it stops: dropping its databases first only waits
        for (ScratchDb db : server == null ? created : List.<ScratchDb>of()) {
            try {
                run(admin, "DROP DATABASE IF EXISTS " + db.name() + " WITH (FORCE)", "dropping scratch database " + db.name());
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        created.clear();
        if (server != null) {
            try {
                server.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
