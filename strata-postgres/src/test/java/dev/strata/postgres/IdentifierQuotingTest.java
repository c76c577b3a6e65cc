package dev.strata.postgres;

import dev.strata.model.ObjectName;
import dev.strata.sql.SqlText;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SqlText, the one identifier-quoting function, against the real server: hostile names survive a round trip
 * through DDL unchanged, and {@code identAsPrinted} quotes them exactly as PostgreSQL prints them.
 */
class IdentifierQuotingTest {
    private static final List<String> HOSTILE = List.of(
            "\"; DROP TABLE x; --", "Mixed\"Case", "\"", "a.b", "select", "user", "ünï cödé 表", "a'b;c/*",
            "$strata$", "x$$y", "tab\there", "new\nline", "Upper", "9lives", "plain_name");

    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @Test
    void hostileNamesRoundTripThroughDdlAndArePrintedAsPostgresPrintsThem() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String name : HOSTILE) {
                s.execute("CREATE SCHEMA " + SqlText.ident(name));
                s.execute("CREATE TABLE " + SqlText.qualified(name, name) + " (" + SqlText.ident(name) + " int)");
                try (PreparedStatement p = c.prepareStatement("SELECT n.nspname, t.relname, a.attname, t.oid::regclass::text"
                        + " FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace"
                        + " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = 1 WHERE n.nspname = ?")) {
                    p.setString(1, name);
                    try (ResultSet rs = p.executeQuery()) {
                        assertThat(rs.next()).as(name).isTrue();
                        assertThat(rs.getString(1)).isEqualTo(name);
                        assertThat(rs.getString(2)).isEqualTo(name);
                        assertThat(rs.getString(3)).isEqualTo(name);
                        assertThat(rs.getString(4)).as(name).isEqualTo(new ObjectName(name, name).quoted());
                    }
                }
            }
        }
    }
}
