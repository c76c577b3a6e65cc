package dev.strata.spring;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.postgres.PgUrl;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.SQLException;
import java.util.Map;

/** The separate migration connection of {@code strata.url}, {@code strata.user} and {@code strata.password}. */
final class MigrationDataSource {
    private MigrationDataSource() {
    }

    static PGSimpleDataSource of(StrataProperties p) {
        PgUrl url;
        try {
            url = PgUrl.parse(p.getUrl());
        } catch (StrataException | IllegalArgumentException e) {
            throw new StrataException(ErrorCode.URL_INVALID, "strata.url is not a PostgreSQL URL: " + e.getMessage());
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url.jdbcUrl());
        try {
            for (Map.Entry<Object, Object> e : url.properties().entrySet()) {
                ds.setProperty(e.getKey().toString(), e.getValue().toString());
            }
        } catch (SQLException e) {
            throw new StrataException(ErrorCode.URL_INVALID, "strata.url " + url.redacted() + ": " + e.getMessage());
        }
        if (p.getUser() != null) {
            ds.setUser(p.getUser());
        }
        if (p.getPassword() != null) {
            ds.setPassword(p.getPassword());
        }
        ds.setApplicationName("strata");
        return ds;
    }
}
