package dev.strata.postgres.inspect;

import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PgInspector#fullReadQuery}: the text a full read sends, which tools that time the queries one by one send
 * (the diff benchmark's InspectProfile copied the marker handling once and broke when the queries gained new
 * markers). Each text runs on the server with the schemas and extension flag as its only parameters.
 */
class PgInspectorFullReadQueryTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @Test
    void everyQueryAsAFullReadSendsItRunsWithItsTwoParameters() throws Exception {
        try (Connection c = db.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id int PRIMARY KEY, name text UNIQUE); CREATE INDEX t_name ON t (lower(name))");
            }
            int major = c.getMetaData().getDatabaseMajorVersion();
            int indexes = -1;
            for (String name : PgInspector.FULL_READ_QUERIES) {
                String sql = PgInspector.fullReadQuery(name, major);
                assertThat(sql).as(name).doesNotContain("/*only*/", "/*defaults*/", "::pg_catalog.oid[]) /*end*/");
                long parameters = sql.chars().filter(ch -> ch == '?').count();
                assertThat(parameters).as(name).isBetween(0L, 2L);
                try (PreparedStatement p = c.prepareStatement(sql)) {
                    if (parameters >= 1) {
                        p.setArray(1, c.createArrayOf("text", new String[] {"public"}));
                    }
                    if (parameters == 2) {
                        p.setBoolean(2, false);
                    }
                    int rows = 0;
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            rows++;
                        }
                    }
                    if (name.equals("indexes")) {
                        indexes = rows;
                    }
                }
            }
            assertThat(indexes).isEqualTo(3);
        }
    }
}
