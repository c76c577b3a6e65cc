package dev.strata.engine.config;

/**
 * The {@code strata.toml} that {@code strata init} writes: every key of {@code [strata]} with its
 * default, and an example environment and named database, commented out. Read as it is, the template
 * gives exactly the defaults; with the example lines uncommented it is still valid.
 */
public final class ConfigTemplate {
    private ConfigTemplate() {
    }

    /** The template with the default migrations folder. */
    public static String text() {
        return text(Defaults.MIGRATIONS);
    }

    /** The template naming {@code migrationsDir} (as {@code strata init --dir} gave it) as the folder. */
    public static String text(String migrationsDir) {
        String dir = migrationsDir.replace('\\', '/').replace("\"", "\\\"");
        return ""
                + "# strata.toml: configuration of Strata, the PostgreSQL schema migration tool.\n"
                + "# Values may use ${NAME} to read an environment variable ($${ is a literal ${).\n"
                + "# Durations: \"500ms\", \"2s\", \"1min\", \"1h\", or \"0\" for none.\n"
                + "\n"
                + "[strata]\n"
                + "# The folder holding the revision files, relative to this file.\n"
                + "migrations = \"" + dir + "\"\n"
                + "# Schema and names of Strata's own tables.\n"
                + "schema = \"" + Defaults.SCHEMA + "\"\n"
                + "version_table = \"" + Defaults.VERSION_TABLE + "\"\n"
                + "history_table = \"" + Defaults.HISTORY_TABLE + "\"\n"
                + "# The default database. The URL is taken from, first match wins: --url, $DATABASE_URL_{ENV}\n"
                + "# (e.g. DATABASE_URL_PRODUCTION), $DATABASE_URL, url of [environments.ENV], this url.\n"
                + "# With none, Strata runs an embedded PostgreSQL whose data lives in .strata/ next to this file.\n"
                + "# url = \"${DATABASE_URL_DEV}\"\n"
                + "# How long to wait for another runner holding the migration lock.\n"
                + "lock_wait = \"" + Durations.format(Defaults.LOCK_WAIT) + "\"\n"
                + "# Session lock_timeout for DDL: a migration gives up instead of queueing behind long transactions.\n"
                + "lock_timeout = \"" + Durations.format(Defaults.LOCK_TIMEOUT) + "\"\n"
                + "# Session statement_timeout (\"0\": none).\n"
                + "statement_timeout = \"" + Durations.format(Defaults.STATEMENT_TIMEOUT) + "\"\n"
                + "# How long to keep retrying the first connection while the database is not up yet (containers);\n"
                + "# \"0\": try once. --wait-for-db overrides it.\n"
                + "# wait_for_db = \"60s\"\n"
                + "# Java revisions: classes annotated @StrataRevision in this package (and its subpackages), found\n"
                + "# on java_classpath (folders of .class files and jars, relative to this file; build them first).\n"
                + "# They join the SQL revisions of the migrations folder.\n"
                + "# java_package = \"com.example.migrations\"\n"
                + "# java_classpath = [\"build/classes/java/main\"]\n"
                + "# Where `strata revision --java` writes new revision classes, relative to this file.\n"
                + "# java_sources = \"" + Defaults.JAVA_SOURCES + "\"\n"
                + "# The desired-state folder: SQL files (applied in name order) describing the schema the revisions\n"
                + "# should produce; used by `strata revision --autogenerate` and `strata check`.\n"
                + "# schema_dir = \"schema\"\n"
                + "# A server where Strata may create and drop scratch databases (autogenerate, diff, check);\n"
                + "# without it, Strata starts a throw-away embedded PostgreSQL. --dev-url overrides it.\n"
                + "# dev_url = \"postgresql://postgres@localhost:5432/postgres\"\n"
                + "\n"
                + "# An environment, chosen with --env production or ENVIRONMENT=production (default: development).\n"
                + "# It may set url, lock_wait, lock_timeout, statement_timeout and wait_for_db, and the operations around upgrade:\n"
                + "# backup (a verified pg_dump before the first pending revision; backup_keep, backup_max_age),\n"
                + "# seed (load seeds/ after upgrade: on in development and test only) and preflight (the pre-checks).\n"
                + "# [environments.production]\n"
                + "# url = \"${PRODUCTION_DATABASE_URL}\"\n"
                + "# lock_timeout = \"1s\"\n"
                + "# statement_timeout = \"15min\"\n"
                + "# backup = true\n"
                + "\n"
                + "# A named database, chosen with -n replica; its url is used instead of the default database's\n"
                + "# (only --url overrides it). It may also set migrations, schema, version_table, history_table.\n"
                + "# [databases.replica]\n"
                + "# url = \"${REPLICA_URL}\"\n"
                + "# migrations = \"" + dir + "/replica\"\n";
    }
}
