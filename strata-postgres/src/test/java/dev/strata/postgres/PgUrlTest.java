package dev.strata.postgres;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PgUrlTest {
    @Test
    void jdbcFormWithCredentialsInTheQuery() {
        PgUrl u = PgUrl.parse("jdbc:postgresql://db.example.com:6543/app?user=alice&password=s3cret&sslmode=require");
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/app");
        Properties p = u.properties();
        assertThat(p.getProperty("user")).isEqualTo("alice");
        assertThat(p.getProperty("password")).isEqualTo("s3cret");
        assertThat(p.getProperty("sslmode")).isEqualTo("require");
        assertThat(u.redacted())
                .isEqualTo("jdbc:postgresql://db.example.com:6543/app?user=alice&password=***&sslmode=require");
    }

    @Test
    void libpqFormWithCredentialsInTheUserPart() {
        PgUrl u = PgUrl.parse("postgresql://alice:s3cret@db.example.com:6543/app?sslmode=require&application_name=web");
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/app");
        assertThat(u.user()).isEqualTo("alice");
        assertThat(u.password()).isEqualTo("s3cret");
        assertThat(u.properties().getProperty("sslmode")).isEqualTo("require");
        assertThat(u.properties().getProperty("ApplicationName")).isEqualTo("web");
        assertThat(u.redacted())
                .isEqualTo("postgresql://alice:***@db.example.com:6543/app?sslmode=require&application_name=web");
    }

    @Test
    void postgresSchemeIsTheSame() {
        PgUrl u = PgUrl.parse("postgres://bob@localhost/shop");
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/shop");
        assertThat(u.redacted()).isEqualTo("postgres://bob@localhost:5432/shop");
        assertThat(u.password()).isNull();
    }

    @Test
    void percentEncodedUserAndPassword() {
        PgUrl u = PgUrl.parse("postgresql://us%40er:p%40ss%2Fw%3Ard%25+x@h/db");
        assertThat(u.user()).isEqualTo("us@er");
        assertThat(u.password()).isEqualTo("p@ss/w:rd%+x");
        assertThat(u.redacted()).isEqualTo("postgresql://us%40er:***@h:5432/db");
    }

    @Test
    void anUnencodedAtInThePasswordIsTolerated() {
        PgUrl u = PgUrl.parse("postgresql://u:p@ss@h/db");
        assertThat(u.password()).isEqualTo("p@ss");
        assertThat(u.hosts()).containsExactly(new PgUrl.HostPort("h", 5432));
    }

    @Test
    void jdbcQueryValuesAreFormDecodedAsPgjdbcDoes() {
        PgUrl u = PgUrl.parse("jdbc:postgresql://h/db?user=a&password=x+y%26z");
        assertThat(u.password()).isEqualTo("x y&z");
    }

    @Test
    void ipv6Hosts() {
        PgUrl u = PgUrl.parse("postgresql://u:pw@[2001:db8::1]:5433/db");
        assertThat(u.hosts()).containsExactly(new PgUrl.HostPort("2001:db8::1", 5433));
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://[2001:db8::1]:5433/db");
        assertThat(PgUrl.parse("jdbc:postgresql://[::1]/db").jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/db");
    }

    @Test
    void severalHosts() {
        PgUrl u = PgUrl.parse("postgresql://u@a:1,[::1]:2,c/db?target_session_attrs=read-write");
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://a:1,[::1]:2,c:5432/db");
        assertThat(u.properties().getProperty("targetServerType")).isEqualTo("primary");
    }

    @Test
    void defaults() {
        assertThat(PgUrl.parse("postgresql://").jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/postgres");
        assertThat(PgUrl.parse("postgresql://h").jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/postgres");
        assertThat(PgUrl.parse("postgresql://carol@h/").database()).isEqualTo("carol");
        assertThat(PgUrl.parse("jdbc:postgresql:shop").jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/shop");
        assertThat(PgUrl.parse("jdbc:postgresql:/").jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/postgres");
        assertThat(PgUrl.parse("jdbc:postgresql://h?user=dave").database()).isEqualTo("dave");
        assertThat(PgUrl.parse("postgresql://h:/db").hosts().get(0).port()).isEqualTo(5432);
    }

    @Test
    void libpqQueryParametersOverrideAndTranslate() {
        PgUrl u = PgUrl.parse("postgresql:///?host=h2&port=7000&dbname=d2&user=eve&password=pw&connect_timeout=3"
                + "&keepalives=0&sslrootcert=%2Fetc%2Froot.crt");
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://h2:7000/d2");
        Properties p = u.properties();
        assertThat(p.getProperty("user")).isEqualTo("eve");
        assertThat(p.getProperty("password")).isEqualTo("pw");
        assertThat(p.getProperty("connectTimeout")).isEqualTo("3");
        assertThat(p.getProperty("tcpKeepAlive")).isEqualTo("false");
        assertThat(p.getProperty("sslrootcert")).isEqualTo("/etc/root.crt");
        assertThat(u.redacted()).isEqualTo("postgresql://eve:***@h2:7000/d2?connect_timeout=3&keepalives=0"
                + "&sslrootcert=%2Fetc%2Froot.crt");
    }

    @Test
    void databaseNamesAreEncodedForTheDriver() {
        PgUrl u = PgUrl.parse("postgresql://h/my%20db%2Bx");
        assertThat(u.database()).isEqualTo("my db+x");
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/my%20db%2Bx");
    }

    @Test
    void schemeIsCaseInsensitive() {
        assertThat(PgUrl.parse("PostgreSQL://h/db").jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db");
        assertThat(PgUrl.parse("JDBC:PostgreSQL://h/db").jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "mysql://u:s3cretPW@h/db",
            "u:s3cretPW@h/db",
            "postgresql://u:s3cretPW@h:99999/db",
            "postgresql://u:s3cretPW@h:port/db",
            "postgresql://u:s3cr/etPW@h/db",
            "postgresql://u:s3cr?etPW@h/db",
            "postgresql://u:s3cretPW%zz@h/db",
            "postgresql://u:s3cretPW@[::1/db",
            "postgresql://u:s3cretPW@%2Ftmp/db",
            "jdbc:postgresql://h:x/db?user=u&password=s3cretPW",
            "jdbc:postgresql://h:x/db?password=s3cretPW&user=u",
            "jdbc:postgresql://h:1/db?sslpassword=s3cretPW&=x",
    })
    void invalidUrlsAreRefusedWithoutShowingThePassword(String url) {
        StrataException e = catchThrowableOfType(() -> PgUrl.parse(url), StrataException.class);
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.URL_INVALID);
        assertThat(e.getMessage()).startsWith("invalid database URL '").doesNotContain("s3cr").doesNotContain("etPW")
                .doesNotContain("\n");
        assertThat(e.toString()).doesNotContain("s3cr");
        assertThat(e.getCause()).isNull();
    }

    @Test
    void emptyUrl() {
        assertThatThrownBy(() -> PgUrl.parse("  ")).isInstanceOf(StrataException.class)
                .hasMessageStartingWith("no database URL given");
    }

    @Test
    void noFormEverShowsThePassword() {
        for (String url : List.of("postgresql://u:s3cretPW@h/db", "jdbc:postgresql://h/db?user=u&password=s3cretPW",
                "postgres://h/db?password=s3cretPW", "jdbc:postgresql://h/db?sslpassword=s3cretPW",
                "postgresql://u:s3cretPW@h/db?sslpassword=s3cretPW")) {
            PgUrl u = PgUrl.parse(url);
            assertThat(u.redacted()).as(url).doesNotContain("s3cretPW").contains("***");
            assertThat(u.toString()).as(url).doesNotContain("s3cretPW");
            assertThat(u.jdbcUrl()).as(url).doesNotContain("s3cretPW");
            assertThat(u.hosts().toString()).doesNotContain("s3cretPW");
        }
    }

    @Test
    void redactedFormParsesBackToTheSameTarget() {
        PgUrl u = PgUrl.parse("postgresql://a%20b:pw@[::1]:6000,h2/my%2Fdb?sslmode=verify-full");
        PgUrl again = PgUrl.parse(u.redacted());
        assertThat(again.jdbcUrl()).isEqualTo(u.jdbcUrl());
        assertThat(again.user()).isEqualTo("a b");
        assertThat(again.parameters()).isEqualTo(u.parameters());
    }
}
