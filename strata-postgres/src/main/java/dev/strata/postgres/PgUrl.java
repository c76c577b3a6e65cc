package dev.strata.postgres;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * A database URL as a user gave it, in JDBC form ({@code jdbc:postgresql://host[:port]/db?user=..&password=..})
 * or libpq form ({@code postgresql://user:password@host[:port]/db?sslmode=require}, also {@code postgres://}),
 * split into what pgjdbc needs: a {@link #jdbcUrl() JDBC URL without credentials} and
 * {@link #properties() connection properties}.
 *
 * <p>Invariants: at least one host; ports are 1..65535; the database is never empty (it defaults to the
 * user name, else {@code postgres}); hosts default to {@code localhost:5432}. {@link #redacted()} (also
 * {@link #toString()}) is the only form meant for people: the password and any {@code sslpassword} show
 * as {@code ***}. Parse errors quote only the redacted text.
 *
 * @param scheme     what the URL started with: {@code jdbc:postgresql}, {@code postgresql} or {@code postgres}
 * @param hosts      the servers, in order
 * @param database   the database name
 * @param user       the user name, or null to let the driver choose
 * @param password   the password, or null
 * @param parameters the other query parameters as given (keys as written), in order
 */
public record PgUrl(String scheme, List<HostPort> hosts, String database, String user, String password,
                    Map<String, String> parameters) {
    public static final int DEFAULT_PORT = 5432;
    private static final String JDBC = "jdbc:postgresql";
    private static final String EXPECTED = "expected jdbc:postgresql://host:port/db?user=... or"
            + " postgresql://user:password@host:port/db";

    public PgUrl {
        Objects.requireNonNull(scheme, "scheme");
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no host");
        }
        if (database == null || database.isEmpty()) {
            throw new IllegalArgumentException("no database");
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** One server: a host name or address (IPv6 without brackets) and a port. */
    public record HostPort(String host, int port) {
        public HostPort {
            if (host == null || host.isEmpty()) {
                throw new IllegalArgumentException("empty host");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range");
            }
        }

        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? '[' + host + ']' : host) + ':' + port;
        }
    }

    /** Whether the user wrote the JDBC form (whose query parameters are pgjdbc property names). */
    public boolean isJdbcForm() {
        return scheme.equals(JDBC);
    }

    /**
     * Parses a URL in either form. Throws StrataException URL_INVALID, quoting only the redacted text,
     * when it is malformed.
     */
    public static PgUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new StrataException(ErrorCode.URL_INVALID, "no database URL given; " + EXPECTED);
        }
        try {
            return PgUrlParser.parse(text.strip());
        } catch (UrlText.Malformed e) {
            throw new StrataException(ErrorCode.URL_INVALID, "invalid database URL '" + UrlText.redactRaw(text)
                    + "': " + e.getMessage() + "; " + EXPECTED);
        }
    }

    /** The JDBC URL pgjdbc connects to: hosts, ports and database only, no credentials, no parameters. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + hostList() + '/' + UrlText.encode(database);
    }

    /**
     * The connection properties for pgjdbc: user, password and the query parameters. libpq-style
     * parameter names that pgjdbc spells differently are translated (application_name, connect_timeout,
     * target_session_attrs, keepalives, gssencmode); the rest pass through unchanged.
     */
    public Properties properties() {
        Properties p = new Properties();
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            if (isJdbcForm()) {
                p.setProperty(e.getKey(), e.getValue());
            } else {
                LibpqParameters.put(p, e.getKey(), e.getValue());
            }
        }
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return p;
    }

    /** This URL as the user wrote it, but with defaults filled in and every password shown as {@code ***}. */
    public String redacted() {
        StringBuilder b = new StringBuilder(scheme).append("://");
        List<String> query = new ArrayList<>();
        if (isJdbcForm()) {
            if (user != null) {
                query.add("user=" + UrlText.encode(user));
            }
            if (password != null) {
                query.add("password=***");
            }
        } else if (user != null) {
            b.append(UrlText.encode(user)).append(password != null ? ":***" : "").append('@');
        } else if (password != null) {
            query.add("password=***");
        }
        b.append(hostList()).append('/').append(UrlText.encode(database));
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            query.add(UrlText.encode(e.getKey()) + '=' + (isSecret(e.getKey()) ? "***" : UrlText.encode(e.getValue())));
        }
        if (!query.isEmpty()) {
            b.append('?').append(String.join("&", query));
        }
        return b.toString();
    }

    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.equals("password") || k.equals("sslpassword");
    }

    private String hostList() {
        return String.join(",", hosts.stream().map(HostPort::toString).toList());
    }

    /** The redacted form: a PgUrl never shows its password. */
    @Override
    public String toString() {
        return redacted();
    }
}
