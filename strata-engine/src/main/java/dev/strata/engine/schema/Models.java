package dev.strata.engine.schema;

import dev.strata.engine.Workspace;
import dev.strata.run.RunEvent;
import dev.strata.model.SchemaModel;
import dev.strata.postgres.PgConnections;
import dev.strata.postgres.PgUrl;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Turns {@link ModelSource}s into schema models for one command: folders and revisions go through a
 * scratch database of {@link #scratch()}, databases are only read (in a read-only snapshot). Close it to
 * drop the scratch databases.
 */
public final class Models implements AutoCloseable {
    private final Workspace session;
    private final Scratch scratch;

    public Models(Workspace session, String devUrlOption) {
        this.session = session;
        java.util.Optional<String> dev = devUrlOption != null ? java.util.Optional.of(devUrlOption)
                : session.settings().devUrl();
        this.scratch = Scratch.open(dev, t -> session.notice(RunEvent.Notice.Level.INFO, t),
                t -> session.notice(RunEvent.Notice.Level.DEBUG, t));
    }

    public Scratch scratch() {
        return scratch;
    }

    public SchemaModel load(ModelSource source) {
        if (source.kind() == ModelSource.Kind.DATABASE) {
            return live(source.text());
        }
        if (source.kind() == ModelSource.Kind.REVISION) {
            return chain(source.text());
        }
        if (source.kind() == ModelSource.Kind.FOLDER) {
            return folder(Path.of(source.text()));
        }
        throw new IllegalStateException("unknown source kind " + source.kind());
    }

    /**
     * Two schemas at once: building a scratch database and reading its catalog is mostly waiting on the
     * server, so the two sides of a diff are built and read on two connections in parallel.
     */
    public Pair both(java.util.function.Supplier<SchemaModel> first, java.util.function.Supplier<SchemaModel> second) {
        // the revisions are loaded once, by whichever side needs them first (the workspace is safe for that);
        // comparing two databases reads none, so it needs no migrations folder
        java.util.concurrent.CompletableFuture<SchemaModel> other =
                java.util.concurrent.CompletableFuture.supplyAsync(second);
        SchemaModel a;
        try {
            a = first.get();
        } catch (RuntimeException e) {
            other.handle((m, x) -> null).join();
            throw e;
        }
        try {
            return new Pair(a, other.join());
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** Two schemas read together by {@link #both}. */
    public record Pair(SchemaModel first, SchemaModel second) {
    }

    /** The schema the chain produces at {@code target} (e.g. {@code heads}). */
    public SchemaModel chain(String target) {
        ScratchDb db = scratch.create();
        session.notice(RunEvent.Notice.Level.DEBUG, "replaying the chain to " + target + " on " + db.name());
        ChainReplay.replay(session.migrations(), target, db, session.settings().tables());
        return ModelReader.read(db, session.settings().tables());
    }

    /** The schema a desired-state folder describes. */
    public SchemaModel folder(Path dir) {
        ScratchDb db = scratch.create();
        session.notice(RunEvent.Notice.Level.DEBUG, "applying " + shown(dir) + " on " + db.name());
        SchemaFolder.apply(dir, db, this::shown);
        return ModelReader.read(db, session.settings().tables());
    }

    /** The schema of a live database, read without changing it. */
    public SchemaModel live(String url) {
        try (Connection c = PgConnections.open(PgUrl.parse(url), "strata")) {
            return ModelReader.read(c, session.settings().tables());
        } catch (SQLException e) {
            throw new IllegalStateException("closing a connection: " + e.getMessage(), e);
        }
    }

    /** A path as messages show it: relative to the working directory when inside it. */
    public String shown(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path wd = session.workingDir().toAbsolutePath().normalize();
        return abs.startsWith(wd) ? wd.relativize(abs).toString() : abs.toString();
    }

    @Override
    public void close() {
        scratch.close();
    }
}
