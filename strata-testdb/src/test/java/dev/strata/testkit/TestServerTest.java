package dev.strata.testkit;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class TestServerTest {
    @Test
    void theEnvironmentVariableWins() {
        assertThat(TestServer.choose(" jdbc:postgresql://db.example:6000/admin?user=x ", "unused"))
                .isEqualTo("jdbc:postgresql://db.example:6000/admin?user=x");
    }

    @Test
    void withoutAnAnsweringServerAnEmbeddedOneStarts() throws SQLException {
        String url = TestServer.choose(null, "jdbc:postgresql://127.0.0.1:1/postgres?user=postgres");
        assertThat(url).doesNotContain("127.0.0.1:1/");
        try (Connection c = DriverManager.getConnection(url)) {
            assertThat(c.isValid(2)).isTrue();
        }
    }
}
