package dev.strata.engine.adopt;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.util.Locale;

/** The migration folder layouts {@code strata import} reads. */
public enum ImportFormat {
    /** Detect the layout from the files. */
    AUTO("auto"),
    /** Loose SQL files with numeric prefixes ({@code 001_name.sql}), rollbacks as {@code *_ROLLBACK.sql} or {@code rollback/NNN_*.sql}. */
    SQL("sql"),
    /** Flyway: {@code V<version>__<desc>.sql}, undo {@code U<version>__}, repeatable {@code R__}. */
    FLYWAY("flyway"),
    /** golang-migrate: {@code <version>_<title>.up.sql} and {@code .down.sql}. */
    GOLANG_MIGRATE("golang-migrate"),
    /** dbmate: {@code <version>_<name>.sql} with {@code -- migrate:up} and {@code -- migrate:down} sections. */
    DBMATE("dbmate"),
    /** An Alembic project (alembic.ini, env.py, versions/*.py), rendered by Alembic in offline mode. */
    ALEMBIC("alembic");

    private final String word;

    ImportFormat(String word) {
        this.word = word;
    }

    /** The name on the command line. */
    public String word() {
        return word;
    }

    public static ImportFormat parse(String text) {
        for (ImportFormat f : values()) {
            if (f.word.equals(text.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new StrataException(ErrorCode.USAGE, "unknown import format '" + text
                + "'; use auto, sql, flyway, golang-migrate, dbmate or alembic");
    }
}
