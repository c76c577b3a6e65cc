package dev.strata.embedded;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;

/**
 * A throw-away PostgreSQL server for commands that need scratch databases (autogenerate, diff, check
 * against a schema folder) when no {@code --dev-url} is given. It runs on a fresh data directory in the
 * system's temporary folder, never the project's {@code .strata/}, on a free port, and {@link #close()}
 * stops it and deletes the directory (zonky also does so when the JVM exits). Its admin database is
 * {@code postgres}, user {@code postgres}, no password.
 */
public final class ScratchServer implements AutoCloseable {
    private final EmbeddedPostgres postgres;
    private boolean closed;

    private ScratchServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts the server (a second or two: initdb on a temporary directory, then start).
     *
     * @throws StrataException EMBEDDED_FAILED when it does not start
     */
    public static ScratchServer start() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setCleanDataDirectory(true)
                    .setOutputRedirector(Redirect.DISCARD)
                    .setErrorRedirector(Redirect.DISCARD)
                    .start();
            return new ScratchServer(pg);
        } catch (IOException | RuntimeException e) {
            throw new StrataException(ErrorCode.EMBEDDED_FAILED, "the scratch PostgreSQL did not start ("
                    + LocalCluster.oneLine(e) + "); pass --dev-url postgresql://user@host/postgres to use a server"
                    + " of yours for scratch databases instead", e);
        }
    }

    /** The JDBC URL (with the user, no password) of the admin database, where scratch databases are created. */
    public String adminJdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?user=postgres";
    }

    /** Stops the server and deletes its data directory; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            postgres.close();
        } catch (IOException e) {
            throw new StrataException(ErrorCode.EMBEDDED_FAILED,
                    "the scratch PostgreSQL did not stop cleanly (" + LocalCluster.oneLine(e) + ")", e);
        }
    }
}
