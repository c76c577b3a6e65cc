package dev.strata.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the benchmark revisions: revision {@code n} creates one small table {@code bench_t{n}} and
 * one index on it, and its downgrade drops the table. The same statements go into a Strata SQL revision under
 * {@code DIR/strata}, a Flyway versioned migration under {@code DIR/flyway}, a changeset with its rollback in
 * Liquibase's formatted SQL changelog {@code DIR/liquibase/changelog.sql}, and an Alembic revision under
 * {@code DIR/alembic/versions}, so every tool runs identical SQL.
 * Strata revisions form one linear chain {@code r0001 <- r0002 <- ...}.
 */
public final class Generate {

    private Generate() {
    }

    /** {@code Generate DIR [COUNT]}: writes COUNT (default 1000) revisions in both formats into DIR. */
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: Generate DIR [COUNT]");
            System.exit(2);
        }
        int count = args.length == 2 ? Integer.parseInt(args[1]) : 1000;
        write(Path.of(args[0]), count);
    }

    /** The folder holding the Strata revision files inside a work dir. */
    public static Path strataDir(Path workDir) {
        return workDir.resolve("strata");
    }

    /** The folder holding the Flyway migration files inside a work dir. */
    public static Path flywayDir(Path workDir) {
        return workDir.resolve("flyway");
    }

    /** The folder holding Liquibase's formatted SQL changelog ({@code changelog.sql}) inside a work dir. */
    public static Path liquibaseDir(Path workDir) {
        return workDir.resolve("liquibase");
    }

    /** The Alembic project (alembic.ini, env.py, versions/) inside a work dir. */
    public static Path alembicDir(Path workDir) {
        return workDir.resolve("alembic");
    }

    /** Creates the folders (they must not exist yet, or be empty) and writes {@code count} revisions. */
    public static void write(Path workDir, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        try {
            Path strata = Files.createDirectories(strataDir(workDir));
            Path flyway = Files.createDirectories(flywayDir(workDir));
            int width = Math.max(4, Integer.toString(count).length());
            Path alembic = Files.createDirectories(alembicDir(workDir).resolve("versions"));
            StringBuilder changelog = new StringBuilder("--liquibase formatted sql\n");
            for (int n = 1; n <= count; n++) {
                String padded = pad(n, width);
                Files.writeString(strata.resolve(padded + "_create_t" + n + ".sql"),
                        strataRevision(n, width), StandardCharsets.UTF_8);
                Files.writeString(flyway.resolve("V" + n + "__create_t" + n + ".sql"),
                        upgradeSql(n), StandardCharsets.UTF_8);
                changelog.append("\n--changeset bench:").append(n).append('\n').append(upgradeSql(n))
                        .append("--rollback ").append(downgradeSql(n)).append('\n');
                Files.writeString(alembic.resolve("r" + padded + "_create_t" + n + ".py"),
                        alembicRevision(n, width), StandardCharsets.UTF_8);
            }
            Files.createDirectories(liquibaseDir(workDir));
            Files.writeString(liquibaseDir(workDir).resolve("changelog.sql"), changelog, StandardCharsets.UTF_8);
            Files.writeString(alembicDir(workDir).resolve("alembic.ini"), "[alembic]\nscript_location = %(here)s\n",
                    StandardCharsets.UTF_8);
            Files.writeString(alembicDir(workDir).resolve("env.py"), ALEMBIC_ENV, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write benchmark revisions into " + workDir, e);
        }
    }

    /** The two statements of revision {@code n}, one per line, each ending in a semicolon. */
    public static String upgradeSql(int n) {
        String table = "bench_t" + n;
        return "CREATE TABLE " + table
                + " (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());\n"
                + "CREATE INDEX " + table + "_name_idx ON " + table + " (name);\n";
    }

    /** The statement that reverts revision {@code n}. */
    public static String downgradeSql(int n) {
        return "DROP TABLE bench_t" + n + ";";
    }

    /**
     * Alembic's env.py: online, against the URL in {@code BENCH_SQLALCHEMY_URL}, one transaction per migration
     * (as Strata and the floor commit each revision on its own).
     */
    static final String ALEMBIC_ENV = """
            import os
            from alembic import context
            from sqlalchemy import create_engine

            engine = create_engine(os.environ["BENCH_SQLALCHEMY_URL"])
            with engine.connect() as connection:
                context.configure(connection=connection, transaction_per_migration=True)
                with context.begin_transaction():
                    context.run_migrations()
            """;

    static String alembicRevision(int n, int width) {
        String down = n > 1 ? "'r" + pad(n - 1, width) + "'" : "None";
        return "from alembic import op\n\nrevision = 'r" + pad(n, width) + "'\ndown_revision = " + down
                + "\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n"
                + "    op.execute(\"\"\"" + upgradeSql(n) + "\"\"\")\n\n\ndef downgrade():\n"
                + "    op.execute(\"" + downgradeSql(n) + "\")\n";
    }

    static String strataRevision(int n, int width) {
        StringBuilder text = new StringBuilder();
        text.append("-- strata:revision r").append(pad(n, width)).append('\n');
        if (n > 1) {
            text.append("-- strata:parents r").append(pad(n - 1, width)).append('\n');
        }
        text.append("-- strata:message create t").append(n).append("\n\n");
        text.append("-- strata:upgrade\n").append(upgradeSql(n)).append('\n');
        text.append("-- strata:downgrade\n").append(downgradeSql(n)).append('\n');
        return text.toString();
    }

    private static String pad(int n, int width) {
        return String.format("%0" + width + "d", n);
    }
}
