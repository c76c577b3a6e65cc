package dev.strata.engine.ops;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.postgres.PgUrl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds PostgreSQL's client programs (pg_dump, pg_restore) for a server of a given major version and runs them
 * with the connection in the environment (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD ...), never on the
 * command line, so no password shows in a process list or a message.
 *
 * <p>Where it looks, first match of a usable version wins: the configured path; the Debian/Ubuntu layout
 * {@code /usr/lib/postgresql/MAJOR/bin} for the server's major version; the {@code PATH}; the newer majors under
 * {@code /usr/lib/postgresql}. pg_dump refuses servers newer than itself, so a program older than the server's
 * major version is an error, as is none at all. The embedded PostgreSQL's zonky distribution ships only
 * initdb, pg_ctl and postgres: its database is dumped with such a program found on the machine.
 */
public final class PgTools {
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)(?:\\.(\\d+))?");
    private static final Path DEBIAN = Path.of("/usr/lib/postgresql");

    private PgTools() {
    }

    /** A program found, with its major version. */
    public record Tool(Path path, int major, String version) {
    }

    /**
     * The program {@code name} for a server of {@code serverMajor}: {@code configured} (which must exist and be
     * new enough), else the first new enough candidate.
     */
    public static Tool find(String name, Optional<Path> configured, int serverMajor, String setting) {
        if (configured.isPresent()) {
            Path p = configured.get();
            if (!Files.isExecutable(p)) {
                throw new StrataException(ErrorCode.BACKUP_FAILED, setting + " is " + p + ", which is not an executable"
                        + " file; fix the path (e.g. /usr/lib/postgresql/" + serverMajor + "/bin/" + name + ")");
            }
            Tool t = probe(p);
            if (t == null || t.major() < serverMajor) {
                throw tooOld(name, t, p, serverMajor, setting);
            }
            return t;
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(DEBIAN.resolve(String.valueOf(serverMajor)).resolve("bin").resolve(name));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir).resolve(name));
                }
            }
        }
        candidates.addAll(newerDebian(name, serverMajor));
        Tool tooOld = null;
        Path tooOldPath = null;
        Map<Path, Boolean> tried = new LinkedHashMap<>();
        for (Path p : candidates) {
            if (tried.put(p.toAbsolutePath().normalize(), true) != null || !Files.isExecutable(p)) {
                continue;
            }
            Tool t = probe(p);
            if (t != null && t.major() >= serverMajor) {
                return t;
            }
            if (t != null && tooOld == null) {
                tooOld = t;
                tooOldPath = p;
            }
        }
        if (tooOld != null) {
            throw tooOld(name, tooOld, tooOldPath, serverMajor, setting);
        }
        throw new StrataException(ErrorCode.BACKUP_FAILED, name + " was not found (looked in " + setting
                + ", /usr/lib/postgresql/" + serverMajor + "/bin and the PATH); install the PostgreSQL " + serverMajor
                + " client programs (e.g. apt-get install postgresql-client-" + serverMajor + ") or set " + setting
                + "; nothing was changed");
    }

    private static StrataException tooOld(String name, Tool t, Path p, int serverMajor, String setting) {
        return new StrataException(ErrorCode.BACKUP_FAILED, name + " at " + p + " is "
                + (t == null ? "not a PostgreSQL program (no version)" : "version " + t.version())
                + ", older than the server (PostgreSQL " + serverMajor + "), which it cannot dump or restore for;"
                + " install the PostgreSQL " + serverMajor + " client programs or point " + setting
                + " at a newer one; nothing was changed");
    }

    private static List<Path> newerDebian(String name, int serverMajor) {
        List<Path> out = new ArrayList<>();
        try (var dirs = Files.list(DEBIAN)) {
            dirs.map(d -> d.getFileName().toString()).filter(n -> n.matches("\\d+"))
                    .mapToInt(Integer::parseInt).filter(m -> m > serverMajor).sorted()
                    .forEach(m -> out.add(DEBIAN.resolve(String.valueOf(m)).resolve("bin").resolve(name)));
        } catch (IOException | SecurityException e) {
            // no Debian layout here
        }
        return out;
    }

    /** The program's version, or null when it does not answer like a PostgreSQL program. */
    static Tool probe(Path p) {
        try {
            Process proc = new ProcessBuilder(p.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!proc.waitFor(10, TimeUnit.SECONDS) || proc.exitValue() != 0) {
                proc.destroyForcibly();
                return null;
            }
            Matcher m = VERSION.matcher(out);
            if (!m.find()) {
                return null;
            }
            String version = m.group(1) + (m.group(2) == null ? "" : "." + m.group(2));
            return new Tool(p, Integer.parseInt(m.group(1)), version);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The libpq environment for {@code url}: host, port, database, user, password and the SSL settings. */
    static Map<String, String> environment(PgUrl url) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGHOST", String.join(",", url.hosts().stream().map(PgUrl.HostPort::host).toList()));
        env.put("PGPORT", String.join(",", url.hosts().stream().map(h -> String.valueOf(h.port())).toList()));
        env.put("PGDATABASE", url.database());
        if (url.user() != null) {
            env.put("PGUSER", url.user());
        }
        if (url.password() != null) {
            env.put("PGPASSWORD", url.password());
        }
        env.put("PGAPPNAME", "strata");
        Map<String, String> libpq = Map.of("sslmode", "PGSSLMODE", "sslrootcert", "PGSSLROOTCERT", "sslcert",
                "PGSSLCERT", "sslkey", "PGSSLKEY", "connect_timeout", "PGCONNECT_TIMEOUT", "connecttimeout",
                "PGCONNECT_TIMEOUT", "options", "PGOPTIONS");
        for (Map.Entry<String, String> e : url.parameters().entrySet()) {
            String var = libpq.get(e.getKey().toLowerCase(java.util.Locale.ROOT));
            if (var != null) {
                env.put(var, e.getValue());
            }
        }
        // a user whose name is given in JDBC form as ?user=
        if (url.user() == null && url.parameters().containsKey("user")) {
            env.put("PGUSER", url.parameters().get("user"));
        }
        if (url.password() == null && url.parameters().containsKey("password")) {
            env.put("PGPASSWORD", url.parameters().get("password"));
        }
        return env;
    }

    /** The outcome of a program run: exit status and what it wrote (standard output and error, merged). */
    record Result(int exit, String output) {
    }

    /** Runs {@code command} with the connection of {@code url} in its environment; waits for it to end. */
    static Result run(List<String> command, PgUrl url) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("PG"));
        if (url != null) {
            env.putAll(environment(url));
        }
        try {
            Process proc = pb.start();
            proc.getOutputStream().close();
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = proc.waitFor();
            String clean = url == null || url.password() == null ? out : out.replace(url.password(), "***");
            return new Result(exit, clean);
        } catch (IOException e) {
            throw new StrataException(ErrorCode.BACKUP_FAILED, "cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StrataException(ErrorCode.BACKUP_FAILED, command.get(0) + " was interrupted", e);
        }
    }
}
