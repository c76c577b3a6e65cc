package dev.strata.engine.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // libpq URLs
            "postgresql://app:s3cret@db.prod:5432/app|postgresql://app:***@db.prod:5432/app",
            "postgres://app:s3cret@db.prod/app|postgres://app:***@db.prod/app",
            "POSTGRESQL://app:s3cret@db/app|POSTGRESQL://app:***@db/app",
            "postgresql://:s3cret@db/app|postgresql://:***@db/app",
            "postgresql://app:p%40ss%3Aw@db/app|postgresql://app:***@db/app",
            // unencoded @ / ? : in the password
            "postgresql://app:p@ss@db/app|postgresql://app:***@db/app",
            "postgresql://app:pa/ss@db/app|postgresql://app:***@db/app",
            "postgresql://app:pa?ss@db/app|postgresql://app:***@db/app",
            "postgresql://app:pa:ss@db/app|postgresql://app:***@db/app",
            // query parameters
            "postgresql://db/app?user=app&password=s3cret&sslmode=require|postgresql://db/app?user=app&password=***&sslmode=require",
            "postgresql://db/app?sslmode=require&PASSWORD=s3cret|postgresql://db/app?sslmode=require&PASSWORD=***",
            "postgresql://db/app?sslpassword=k3y|postgresql://db/app?sslpassword=***",
            // JDBC
            "jdbc:postgresql://db:5432/app?user=app&password=s3cret|jdbc:postgresql://db:5432/app?user=app&password=***",
            "jdbc:postgresql://app:s3cret@db/app|jdbc:postgresql://app:***@db/app",
            // in sentences, several at once
            "cannot connect to postgresql://a:x1@h1/db (timeout); tried postgres://b:x2@h2/db too|cannot connect to postgresql://a:***@h1/db (timeout); tried postgres://b:***@h2/db too",
            "url 'postgresql://a:x1@h/db' is bad|url 'postgresql://a:***@h/db' is bad",
            "url=\"postgresql://a:x1@h/db\"|url=\"postgresql://a:***@h/db\"",
            // libpq keyword/value strings and variables
            "host=db user=app password=s3cret dbname=app|host=db user=app password=*** dbname=app",
            "host=db password='s3 cret' dbname=app|host=db password=*** dbname=app",
            "PGPASSWORD=s3cret strata upgrade|PGPASSWORD=*** strata upgrade",
            "host=db Password = s3cret|host=db Password = ***",
            "x=1 password=|x=1 password=",
            // other schemes' user info too
            "https://user:tok3n@example.com/x|https://user:***@example.com/x",
    })
    void masksPasswords(String text, String expected) {
        assertThat(Redaction.redact(text)).isEqualTo(expected);
        assertThat(Redaction.redact(expected)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "postgresql://db.prod/app",
            "postgresql://app@db.prod:5432/app",
            "postgresql://[::1]:5432/app",
            "postgresql://app@[::1]:5432/app",
            "jdbc:postgresql://db:5432/app?user=app&sslmode=require",
            "jdbc:postgresql:app",
            "upgrade 20251115_093012 -> 20251120_101500: ok (12 ms)",
            "strata.toml:3:14: Newline not permitted here",
            "no password given, password_file unset",
            "",
    })
    void leavesTextWithoutPasswordsAlone(String text) {
        assertThat(Redaction.redact(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "postgresql://app:hunter2@db/app",
            "x postgresql://app:hunter2@db/app?password=hunter2 y",
            "jdbc:postgresql://db/app?password=hunter2&user=app",
            "postgresql://app:hun@ter2@db/app",
            "postgresql://app:hunter2@db/app?application_name=x@y",
            "password = hunter2",
            "Password=\"hunter2\"",
    })
    void neverLeaksThePassword(String text) {
        assertThat(Redaction.redact(text)).doesNotContain("hunter2").doesNotContain("ter2");
    }
}
