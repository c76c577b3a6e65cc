package dev.strata.cli;

import dev.strata.testkit.Extensions;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code strata import} of a real multi-branch Alembic project (a branch with a label, a depends_on, a merge,
 * type-annotated assignments, op.create_table / op.add_column / op.execute), rendered by the Alembic installed
 * on the machine (Debian's python3-alembic 1.8.1 here) in offline mode: the imported chain upgrades an empty
 * database and downgrades it to base; a database carrying alembic_version with two branch heads is stamped at
 * both with {@code --stamp-at auto}; a missing Python or Alembic is one clear line.
 */
class AlembicImportTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    private static final String RELATIONS = "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace"
            + " AND relkind IN ('r', 'i') AND relname NOT LIKE 'strata\\_%' ORDER BY relname";

    /** A Python that can import alembic: python3 on the PATH, else Debian's. */
    private static String python() {
        for (String p : List.of("python3", "/usr/bin/python3")) {
            try {
                Process proc = new ProcessBuilder(p, "-c", "import alembic, sqlalchemy").redirectErrorStream(true).start();
                proc.getInputStream().readAllBytes();
                if (proc.waitFor() == 0) {
                    return p;
                }
            } catch (IOException e) {
                // try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        String line = "no python3 with alembic on this machine (apt install python3-alembic, or pip install alembic)";
        if (Extensions.onCi()) {
            throw new AssertionError(line + " (CI=true: this test must not skip)");
        }
        Assumptions.abort(line);
        return null;
    }

    private void write(String path, String text) throws IOException {
        Path f = dir.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    private static List<String> lines(String sql, String url) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private void project() throws IOException {
        write("app/alembic.ini", """
                [alembic]
                script_location = %(here)s/alembic
                sqlalchemy.url = postgresql://app@localhost/app

                [loggers]
                keys = root
                [handlers]
                keys = console
                [formatters]
                keys = generic
                [logger_root]
                level = WARN
                handlers = console
                [handler_console]
                class = StreamHandler
                args = (sys.stderr,)
                level = NOTSET
                formatter = generic
                [formatter_generic]
                format = %(levelname)s %(message)s
                """);
        write("app/alembic/env.py", """
                from alembic import context

                config = context.config


                def run_migrations_offline():
                    context.configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True,
                                      dialect_opts={"paramstyle": "named"})
                    with context.begin_transaction():
                        context.run_migrations()


                if context.is_offline_mode():
                    run_migrations_offline()
                else:
                    raise SystemExit("this project is only used offline")
                """);
        write("app/alembic/versions/a1f0_create_accounts.py", """
                \"""create accounts

                Revision ID: a1f0
                Revises:
                \"""
                from alembic import op
                import sqlalchemy as sa

                # revision identifiers, used by Alembic.
                revision = 'a1f0'
                down_revision = None
                branch_labels = None
                depends_on = None


                def upgrade():
                    op.create_table(
                        'accounts',
                        sa.Column('id', sa.Integer(), primary_key=True),
                        sa.Column('name', sa.String(50), nullable=False),
                    )


                def downgrade():
                    op.drop_table('accounts')
                """);
        write("app/alembic/versions/b2e1_add_email.py", """
                \"""add email to accounts\"""
                from alembic import op
                import sqlalchemy as sa

                revision = "b2e1"
                down_revision = "a1f0"
                branch_labels = ("billing",)
                depends_on = None


                def upgrade():
                    op.add_column("accounts", sa.Column("email", sa.Text(), nullable=True))


                def downgrade():
                    op.drop_column("accounts", "email")
                """);
        write("app/alembic/versions/c3d2_invoices.py", """
                \"""invoices\"""
                from typing import Sequence, Union

                from alembic import op
                import sqlalchemy as sa

                revision: str = "c3d2"
                down_revision: Union[str, None] = "a1f0"
                branch_labels: Union[str, Sequence[str], None] = None
                depends_on: Union[str, Sequence[str], None] = "b2e1"  # needs the email column


                def upgrade() -> None:
                    op.create_table(
                        "invoices",
                        sa.Column("id", sa.Integer(), primary_key=True),
                        sa.Column("account_id", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=False),
                        sa.Column("amount", sa.Numeric(12, 2), nullable=False),
                    )
                    op.execute("CREATE INDEX ix_invoices_account ON invoices (account_id)")


                def downgrade() -> None:
                    op.execute("DROP INDEX ix_invoices_account")
                    op.drop_table("invoices")
                """);
        write("app/alembic/versions/d4c3_merge.py", """
                \"""merge billing and invoices\"""
                revision = 'd4c3'
                down_revision = (
                    'b2e1',
                    'c3d2',
                )
                branch_labels = None
                depends_on = None


                def upgrade():
                    pass


                def downgrade():
                    pass
                """);
        write("app/alembic/versions/e5b4_name_index.py", """
                \"""index account names\"""
                from alembic import op

                revision = 'e5b4'
                down_revision = 'd4c3'


                def upgrade():
                    op.execute("CREATE INDEX ix_accounts_name ON accounts (name)")


                def downgrade():
                    op.execute("DROP INDEX ix_accounts_name")
                """);
        write("app/alembic/versions/notes.txt", "release notes\n");
    }

    @Test
    void multiBranchAlembicProjectImportsUpgradesDowngradesAndStampsFromAlembicVersion() throws Exception {
        String python = python();
        project();
        Cli cli = new Cli(dir, db.jdbcUrl());
        Cli.Result r = cli.run("import", "app", "--python", python);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).contains("detected an Alembic project")
                .contains("skipped app/alembic/versions/notes.txt").contains("rendered 5 revision(s) with Alembic");
        Path m = dir.resolve("migrations");
        String c3 = Files.readString(m.resolve("c3d2_invoices.sql"));
        assertThat(c3).contains("-- strata:parents a1f0\n").contains("-- strata:depends-on b2e1\n")
                .contains("CREATE TABLE invoices").contains("CREATE INDEX ix_invoices_account ON invoices (account_id)")
                .contains("-- strata:downgrade\n").doesNotContain("alembic_version").doesNotContain("BEGIN;");
        assertThat(Files.readString(m.resolve("b2e1_add_email_to_accounts.sql")))
                .contains("-- strata:branch-labels billing\n").contains("ALTER TABLE accounts ADD COLUMN email TEXT");
        assertThat(Files.readString(m.resolve("d4c3_merge_billing_and_invoices.sql")))
                .contains("-- strata:parents b2e1 c3d2\n");

        Cli.Result up = cli.run("upgrade", "head");
        assertThat(up.code()).as(up.toString()).isZero();
        assertThat(lines(RELATIONS, db.jdbcUrl())).containsExactly("accounts", "accounts_pkey", "invoices",
                "invoices_pkey", "ix_accounts_name", "ix_invoices_account");
        Cli.Result base = cli.run("downgrade", "base");
        assertThat(base.code()).as(base.toString()).isZero();
        assertThat(lines(RELATIONS, db.jdbcUrl())).isEmpty();

        // a database Alembic migrated to both branch heads (before the merge) is stamped at both
        String live = db.url(db.createDatabase());
        try (Connection c = DriverManager.getConnection(live); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (id serial PRIMARY KEY, name varchar(50) NOT NULL, email text);"
                    + " CREATE TABLE invoices (id serial PRIMARY KEY, account_id int NOT NULL REFERENCES accounts,"
                    + " amount numeric(12, 2) NOT NULL); CREATE INDEX ix_invoices_account ON invoices (account_id);"
                    + " CREATE TABLE alembic_version (version_num varchar(32) NOT NULL,"
                    + " CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));"
                    + " INSERT INTO alembic_version VALUES ('b2e1'), ('c3d2');");
        }
        // a later revision whose downgrade raises, as many real ones do: only that one becomes irreversible
        write("app/alembic/versions/f6a5_backfill.py", """
                \"""backfill names\"""
                from alembic import op

                revision = 'f6a5'
                down_revision = 'e5b4'


                def upgrade():
                    op.execute("UPDATE accounts SET name = upper(name)")


                def downgrade():
                    raise NotImplementedError("names cannot be restored")
                """);
        Cli liveCli = new Cli(dir, live);
        Cli.Result s = liveCli.run("--dir", "stamped", "import", "app/alembic/versions", "--python", python,
                "--stamp-at", "auto");
        assertThat(s.code()).as(s.toString()).isZero();
        assertThat(s.out()).contains("Stamped the database at b2e1, c3d2 (from alembic_version: b2e1, c3d2)")
                .contains("rendered each downgrade on its own");
        assertThat(Files.readString(dir.resolve("stamped/f6a5_backfill_names.sql")))
                .contains("-- strata:irreversible imported without a downgrade: Alembic could not render it offline"
                        + " (NotImplementedError: names cannot be restored)");
        assertThat(Files.readString(dir.resolve("stamped/e5b4_index_account_names.sql")))
                .contains("-- strata:downgrade\nDROP INDEX ix_accounts_name;");
        Cli.Result rest = liveCli.run("--dir", "stamped", "upgrade", "head");
        assertThat(rest.code()).as(rest.toString()).isZero();
        assertThat(liveCli.run("--dir", "stamped", "current").out()).contains("f6a5");
        assertThat(lines(RELATIONS, live)).contains("ix_accounts_name");

        // what is missing, in one line
        Cli.Result noPython = cli.run("--dir", "m2", "import", "app", "--python", dir.resolve("no/python3").toString());
        assertThat(noPython.code()).isEqualTo(2);
        assertThat(noPython.err().strip()).contains("cannot run").contains("needs Python 3 with Alembic")
                .doesNotContain("\n");
        Path fake = dir.resolve("fakepython");
        Files.writeString(fake, "#!/bin/sh\necho \"ModuleNotFoundError: No module named 'alembic'\" >&2\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Cli.Result noAlembic = cli.run("--dir", "m2", "import", "app", "--python", fake.toString());
        assertThat(noAlembic.code()).isEqualTo(2);
        assertThat(noAlembic.err().strip()).contains("cannot import alembic (ModuleNotFoundError")
                .contains("pip install alembic").doesNotContain("\n");
        assertThat(dir.resolve("m2")).doesNotExist();
    }
}
