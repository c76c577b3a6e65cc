package dev.strata.postgres;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;

import static dev.strata.postgres.Targets.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PgConnectionsTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @Test
    void opensWithApplicationNameAndAutocommit() throws SQLException {
        try (Connection c = PgConnections.open(PgUrl.parse(db.jdbcUrl()), null)) {
            assertThat(c.getAutoCommit()).isTrue();
            assertThat(scalar(c, "SELECT current_setting('application_name')")).isEqualTo("strata");
            assertThat(scalar(c, "SELECT current_database()")).isEqualTo(db.name());
        }
        try (Connection c = PgConnections.open(PgUrl.parse(db.jdbcUrl()), "strata upgrade")) {
            assertThat(scalar(c, "SELECT current_setting('application_name')")).isEqualTo("strata upgrade");
        }
    }

    @Test
    void opensALibpqUrl() throws SQLException {
        PgUrl jdbc = PgUrl.parse(db.jdbcUrl());
        PgUrl libpq = PgUrl.parse("postgresql://" + jdbc.user() + ":ignored-by-trust@" + jdbc.hosts().get(0)
                + "/" + db.name() + "?sslmode=disable");
        try (Connection c = PgConnections.open(libpq, null)) {
            assertThat(scalar(c, "SELECT current_database()")).isEqualTo(db.name());
        }
    }

    @Test
    void refusedConnectionNamesTheRedactedUrlOnly() {
        StrataException e = catchThrowableOfType(() -> PgConnections.open(
                PgUrl.parse("postgresql://bob:TopSecret42@127.0.0.1:1/app"), null), StrataException.class);
        assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
        assertThat(e.getMessage()).startsWith("could not connect to postgresql://bob:***@127.0.0.1:1/app: ")
                .contains("check --url / DATABASE_URL").doesNotContain("\n");
        assertThat(everything(e)).doesNotContain("TopSecret42");
    }

    @Test
    void aMissingDatabaseIsReportedWithTheServerMessage() {
        PgUrl jdbc = PgUrl.parse(db.jdbcUrl());
        PgUrl url = PgUrl.parse("jdbc:postgresql://" + jdbc.hosts().get(0) + "/no_such_db_here?user=" + jdbc.user()
                + "&password=TopSecret42");
        StrataException e = catchThrowableOfType(() -> PgConnections.open(url, null), StrataException.class);
        assertThat(e.getMessage()).contains("password=***").contains("no_such_db_here")
                .contains("(SQLSTATE 3D000)");
        assertThat(everything(e)).doesNotContain("TopSecret42");
    }

    @Test
    void aPasswordEchoedByTheDriverIsScrubbed() {
        assertThat(PgConnections.scrub("bad thing TopSecret42 here", "TopSecret42")).isEqualTo("bad thing *** here");
        assertThat(PgConnections.scrub("text", null)).isEqualTo("text");
    }

    private static String everything(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return w + e.toString();
    }
}
