package dev.strata.engine.config;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.run.StateTables;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the {@link Settings} from what the command line gathered, the environment variables and
 * {@code strata.toml}.
 *
 * <p><b>Environment</b>: {@code --env}, else the {@code ENVIRONMENT} variable, else {@code development}.
 * Its table is {@code [environments.NAME]} (matched exactly, else ignoring case); an environment with
 * no table is fine: variables may supply everything.
 *
 * <p><b>Database URL</b>, first match wins. Without {@code -n}:
 * <ol>
 *   <li>{@code --url}</li>
 *   <li>the variable {@code DATABASE_URL_{ENV}}: the environment name upper-cased, every character
 *       other than A-Z and 0-9 turned into {@code _} (e.g. {@code DATABASE_URL_PRODUCTION},
 *       {@code DATABASE_URL_STAGING_EU} for {@code staging-eu})</li>
 *   <li>the variable {@code DATABASE_URL}</li>
 *   <li>{@code url} in {@code [environments.ENV]}</li>
 *   <li>{@code url} in {@code [strata]}</li>
 *   <li>none: Strata starts its embedded PostgreSQL</li>
 * </ol>
 * With {@code -n NAME}:
 * <ol>
 *   <li>{@code --url}</li>
 *   <li>{@code url} in {@code [databases.NAME]}, which must then exist</li>
 * </ol>
 * The {@code DATABASE_URL*} variables, the environment's URL and {@code [strata] url} all name the
 * default database, so with {@code -n} they are not consulted: otherwise a {@code DATABASE_URL} set
 * for the application would silently send {@code -n replica} to the primary. To vary a named
 * database's URL per deployment, write {@code url = "${REPLICA_URL}"}.
 * Variables set to an empty string count as unset.
 *
 * <p><b>Other keys</b>: the migrations folder is {@code --dir} (relative to the working directory),
 * else {@code migrations} in {@code [databases.NAME]}, else in {@code [strata]} (both relative to the
 * config file's folder), else {@code migrations}. {@code schema}, {@code version_table} and
 * {@code history_table} come from {@code [databases.NAME]}, else {@code [strata]}. {@code lock_wait},
 * {@code lock_timeout}, {@code statement_timeout} and {@code wait_for_db} (default 0; {@code --wait-for-db}
 * overrides it) come from
 * {@code [environments.ENV]}, else {@code [strata]}. Unset keys take the defaults shown by
 * {@link ConfigTemplate}. {@code schema_dir} (the desired-state folder, relative to the config file's folder)
 * and {@code dev_url} (a server for scratch databases) come from {@code [strata]} only and are optional.
 *
 * <p><b>Java revisions</b>: {@code java_package}, {@code java_classpath} and {@code java_sources} come
 * from {@code [strata]} only; the paths are relative to the config file's folder. {@code java_package}
 * must be a dotted Java package name; {@code java_sources} defaults to {@code src/main/java}. Whether the
 * class path entries exist is checked when the revisions are loaded, not here.
 *
 * <p><b>Variables in values</b>: {@code ${NAME}} in a string value is replaced from the environment
 * variables when that value is used; an unset variable is an error; {@code $${} is a literal {@code ${}.
 *
 * <p>Every failure is a {@link StrataException} with {@link ErrorCode#CONFIG_INVALID} (a URL that is
 * not a PostgreSQL URL: {@link ErrorCode#URL_INVALID}); no message contains a URL or a password.
 */
public final class ConfigLoader {
    /** The config file read when {@code --config} is not given; its absence means all defaults. */
    public static final String DEFAULT_FILE = "strata.toml";

    /**
     * What the command line gathered.
     *
     * @param configFile           {@code --config}: must exist when given; relative to {@code workingDir}
     * @param env                  {@code --env}
     * @param url                  {@code --url}
     * @param dir                  {@code --dir}: relative to {@code workingDir}
     * @param name                 {@code -n}: a {@code [databases.NAME]} of the config file
     * @param environmentVariables the process environment ({@code System.getenv()}), or a test's map
     * @param workingDir           the directory relative paths on the command line are resolved against
     * @param waitForDb            {@code --wait-for-db}: overrides {@code wait_for_db} of the configuration
     */
    public record Inputs(Optional<Path> configFile, Optional<String> env, Optional<String> url, Optional<Path> dir,
                         Optional<String> name, Map<String, String> environmentVariables, Path workingDir,
                         Optional<Duration> waitForDb) {
        /** Inputs without {@code --wait-for-db}. */
        public Inputs(Optional<Path> configFile, Optional<String> env, Optional<String> url, Optional<Path> dir,
                      Optional<String> name, Map<String, String> environmentVariables, Path workingDir) {
            this(configFile, env, url, dir, name, environmentVariables, workingDir, Optional.empty());
        }

        public Inputs {
            Objects.requireNonNull(waitForDb, "waitForDb");
            Objects.requireNonNull(configFile, "configFile");
            Objects.requireNonNull(env, "env");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(dir, "dir");
            Objects.requireNonNull(name, "name");
            environmentVariables = Map.copyOf(environmentVariables);
            workingDir = workingDir.toAbsolutePath().normalize();
        }

        /** No flags, no variables. */
        public static Inputs of(Path workingDir) {
            return new Inputs(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Map.of(), workingDir);
        }

        public Inputs withConfigFile(Path p) {
            return new Inputs(Optional.of(p), env, url, dir, name, environmentVariables, workingDir, waitForDb);
        }

        public Inputs withEnv(String e) {
            return new Inputs(configFile, Optional.of(e), url, dir, name, environmentVariables, workingDir, waitForDb);
        }

        public Inputs withUrl(String u) {
            return new Inputs(configFile, env, Optional.of(u), dir, name, environmentVariables, workingDir, waitForDb);
        }

        public Inputs withDir(Path d) {
            return new Inputs(configFile, env, url, Optional.of(d), name, environmentVariables, workingDir, waitForDb);
        }

        public Inputs withName(String n) {
            return new Inputs(configFile, env, url, dir, Optional.of(n), environmentVariables, workingDir, waitForDb);
        }

        public Inputs withWaitForDb(Duration d) {
            return new Inputs(configFile, env, url, dir, name, environmentVariables, workingDir, Optional.of(d));
        }

        public Inputs withEnvironmentVariables(Map<String, String> vars) {
            return new Inputs(configFile, env, url, dir, name, vars, workingDir, waitForDb);
        }
    }

    private ConfigLoader() {
    }

    /** Reads the config file (if any) and resolves the settings as the class comment describes. */
    public static Settings resolve(Inputs in) {
        ConfigFile file = load(in);
        return new Resolution(in, file).settings();
    }

    /** The config file named by {@code --config}, or {@code strata.toml} in the working directory. */
    static ConfigFile load(Inputs in) {
        Path path = in.workingDir().resolve(in.configFile().orElse(Path.of(DEFAULT_FILE))).normalize();
        String name = displayName(path, in.workingDir());
        if (!Files.exists(path)) {
            if (in.configFile().isPresent()) {
                throw new StrataException(ErrorCode.CONFIG_INVALID, StrataException.Input.CONFIG_FILE, name + ": no such file (given"
                        + " as the config file); check the path, or run strata init to create one");
            }
            return ConfigFile.absent(name, in.workingDir());
        }
        if (!Files.isRegularFile(path)) {
            throw new StrataException(ErrorCode.CONFIG_INVALID, StrataException.Input.CONFIG_FILE, name + ": is not a file; the config"
                    + " file must be a TOML file");
        }
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new StrataException(ErrorCode.CONFIG_INVALID, name + ": is not UTF-8 text; save it as UTF-8", e);
        } catch (IOException e) {
            throw new StrataException(ErrorCode.CONFIG_INVALID, name + ": cannot be read (" + e + "); check its permissions", e);
        }
        return ConfigParser.parse(text, name, path);
    }

    private static String displayName(Path path, Path workingDir) {
        return path.startsWith(workingDir) ? workingDir.relativize(path).toString() : path.toString();
    }

    /**
     * The settings of the operations around upgrade (pre-checks, backup, seed data) for the environment the
     * inputs select, from {@code [preflight]}, {@code [backup]}, {@code [seeds]} and {@code [environments.ENV]}.
     */
    public static OpsSettings operations(Inputs in) {
        return new Resolution(in, load(in)).operations();
    }

    /**
     * Refuses the embedded PostgreSQL outside the development environment: called when a command is about to
     * connect and no URL resolved (commands that need no database, such as offline SQL, work anywhere).
     *
     * @throws StrataException CONFIG_INVALID naming the variables and keys looked at, with "did you mean"
     *                         for an environment name that is neither configured nor {@code development}
     */
    public static void requireEmbeddedAllowed(Inputs in) {
        new Resolution(in, load(in)).requireDevelopment();
    }

    /** The environment variable that holds the URL for environment {@code env}. */
    public static String urlVariable(String env) {
        return "DATABASE_URL_" + env.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** One resolution: the inputs, the file, and the environment and database they select. */
    private static final class Resolution {
        private final Inputs in;
        private final ConfigFile file;
        private final Map<String, String> vars;
        private final String environment;
        private final ConfigTable envTable;
        private final Optional<ConfigTable> dbTable;

        Resolution(Inputs in, ConfigFile file) {
            this.in = in;
            this.file = file;
            this.vars = in.environmentVariables();
            this.environment = environment();
            this.envTable = file.environment(environment)
                    .orElse(ConfigTable.empty("[environments." + ConfigParser.tomlKey(environment) + "]"));
            this.dbTable = in.name().map(this::database);
        }

        Settings settings() {
            Optional<String> url = Optional.empty();
            String source = Settings.EMBEDDED;
            if (in.url().isPresent()) {
                if (in.url().get().isBlank()) {
                    throw new StrataException(ErrorCode.CONFIG_INVALID, StrataException.Input.URL, "the database URL given is empty; give a"
                            + " URL, or none to use the configured one");
                }
                url = in.url();
                source = "--url";
            } else if (dbTable.isPresent()) {
                ConfigTable db = dbTable.get();
                if (db.string("url").isEmpty()) {
                    throw new StrataException(ErrorCode.CONFIG_INVALID, StrataException.Input.URL, file.name() + ": " + db.label()
                            + " has no url; add url = \"postgresql://...\" there, or give the database URL directly");
                }
                url = Optional.of(expandUrl(db));
                source = file.name() + " " + db.label();
            } else {
                String perEnv = urlVariable(environment);
                if (variable(perEnv).isPresent()) {
                    url = variable(perEnv);
                    source = perEnv;
                } else if (variable("DATABASE_URL").isPresent()) {
                    url = variable("DATABASE_URL");
                    source = "DATABASE_URL";
                } else if (envTable.string("url").isPresent()) {
                    url = Optional.of(expandUrl(envTable));
                    source = file.name() + " " + envTable.label();
                } else if (file.strata().string("url").isPresent()) {
                    url = Optional.of(expandUrl(file.strata()));
                    source = file.name() + " [strata]";
                }
            }
            if (url.isPresent()) {
                checkUrl(url.get(), source);
            }

            ConfigTable strata = file.strata();
            StateTables tables = new StateTables(
                    string("schema", Defaults.SCHEMA),
                    string("version_table", Defaults.VERSION_TABLE),
                    string("history_table", Defaults.HISTORY_TABLE));
            return new Settings(file.dir(), file.path(), migrationsDir(), tables, url, source, environment, in.name(),
                    duration("lock_wait", Defaults.LOCK_WAIT),
                    duration("lock_timeout", Defaults.LOCK_TIMEOUT),
                    duration("statement_timeout", Defaults.STATEMENT_TIMEOUT),
                    envTable.bool("backup").orElse(Defaults.BACKUP),
                    java(), schemaDir(), devUrl(),
                    in.waitForDb().orElseGet(() -> duration("wait_for_db", Duration.ZERO)));
        }

        OpsSettings operations() {
            OpsSettings d = OpsSettings.defaults(environment, file.dir());
            ConfigTable pre = file.ops("preflight");
            long minFree = 0;
            if (pre.string("min_free_space").isPresent()) {
                String text = expand(pre, "min_free_space", "edit the value");
                minFree = Sizes.parse(text).orElseThrow(() -> new StrataException(ErrorCode.CONFIG_INVALID,
                        file.name() + ": [preflight] min_free_space is \"" + text + "\", not a size; write it like"
                                + " \"500MB\" or \"2GB\""));
            }
            Optional<Path> dataDir = pre.string("data_directory")
                    .map(x -> file.dir().resolve(expand(pre, "data_directory", "edit the value")));
            OpsSettings.Preflight preflight = new OpsSettings.Preflight(envTable.bool("preflight").orElse(true),
                    pre.strings("extensions"), minFree, dataDir,
                    (int) Math.min(Integer.MAX_VALUE, pre.integer("min_server_version").orElse(0L)),
                    durationIn(pre, "long_transaction", OpsSettings.Preflight.LONG_TRANSACTION),
                    durationIn(pre, "lock_holder_age", OpsSettings.Preflight.LOCK_HOLDER_AGE));
            ConfigTable b = file.ops("backup");
            OpsSettings.Backup backup = new OpsSettings.Backup(envTable.bool("backup").orElse(Defaults.BACKUP),
                    b.string("folder").map(x -> file.dir().resolve(expand(b, "folder", "edit the value")))
                            .orElse(d.backup().folder()),
                    b.string("pg_dump").map(x -> file.dir().resolve(expand(b, "pg_dump", "edit the value"))),
                    b.string("pg_restore").map(x -> file.dir().resolve(expand(b, "pg_restore", "edit the value"))),
                    (int) Math.min(Integer.MAX_VALUE, envTable.integer("backup_keep").orElse((long) d.backup().keep())),
                    durationIn(envTable, "backup_max_age", d.backup().maxAge()));
            ConfigTable sd = file.ops("seeds");
            OpsSettings.Seeds seeds = new OpsSettings.Seeds(envTable.bool("seed").orElse(d.seeds().enabled()),
                    sd.string("folder").map(x -> file.dir().resolve(expand(sd, "folder", "edit the value")))
                            .orElse(d.seeds().folder()));
            return new OpsSettings(preflight, backup, seeds);
        }

        private Duration durationIn(ConfigTable from, String key, Duration fallback) {
            if (from.string(key).isEmpty()) {
                return fallback;
            }
            String text = expand(from, key, "edit the value");
            return Durations.parse(text).orElseThrow(() -> new StrataException(ErrorCode.CONFIG_INVALID,
                    file.name() + ": " + from.label() + " " + key + " is \"" + text + "\" (after replacing ${...}),"
                            + " not a duration; " + Durations.hint(text)));
        }

        /**
         * The embedded PostgreSQL is for the development environment only: any other environment without a URL
         * is an error naming where a URL was looked for (an unknown environment name gets a "did you mean").
         */
        void requireDevelopment() {
            if (environment.equalsIgnoreCase(Defaults.ENVIRONMENT)) {
                return;
            }
            String chosen = in.env().isPresent() ? "chosen explicitly" : "ENVIRONMENT=" + environment;
            StrataException.Input about = in.env().isPresent() ? StrataException.Input.ENVIRONMENT : null;
            boolean known = file.environment(environment).isPresent();
            if (!known) {
                java.util.List<String> names = new java.util.ArrayList<>(file.environments().keySet());
                names.add(Defaults.ENVIRONMENT);
                String close = ConfigParser.suggestion(environment, names, "'", "'");
                if (close.startsWith("; did you mean")) {
                    throw new StrataException(ErrorCode.CONFIG_INVALID, about, "environment '" + environment + "' ("
                            + chosen
                            + ") is not configured in " + file.name() + " and has no " + urlVariable(environment)
                            + close + " (configured: " + String.join(", ", names) + ")");
                }
            }
            String table = "[environments." + ConfigParser.tomlKey(environment) + "]";
            throw new StrataException(ErrorCode.CONFIG_INVALID, about, "no database URL for environment '"
                    + environment + "' ("
                    + chosen + "): looked at " + urlVariable(environment) + ", DATABASE_URL, url in " + table + " and url"
                    + " in [strata] of " + file.name() + "; set one of them (the embedded PostgreSQL is for development"
                    + " only)");
        }

        private JavaSettings java() {
            ConfigTable strata = file.strata();
            Optional<String> pkg = Optional.empty();
            if (strata.string("java_package").isPresent()) {
                String p = expand(strata, "java_package", "edit the value").strip();
                if (!dev.strata.java.JavaMigrationLoader.isPackageName(p)) {
                    throw new StrataException(ErrorCode.CONFIG_INVALID, file.name() + ": [strata] java_package is \""
                            + p + "\", not a Java package name; write it like \"com.acme.migrations\"");
                }
                pkg = Optional.of(p);
            }
            java.util.List<Path> classpath = new java.util.ArrayList<>();
            for (String entry : strata.strings("java_classpath")) {
                String where = file.name() + ": [strata] java_classpath";
                classpath.add(file.dir().resolve(Placeholders.expand(entry, vars, where, "edit the value")));
            }
            Path sources = strata.string("java_sources").isPresent()
                    ? file.dir().resolve(expand(strata, "java_sources", "edit the value"))
                    : file.dir().resolve(Defaults.JAVA_SOURCES);
            return new JavaSettings(pkg, classpath, sources);
        }

        private String environment() {
            if (in.env().isPresent()) {
                if (in.env().get().isBlank()) {
                    throw new StrataException(ErrorCode.CONFIG_INVALID, StrataException.Input.ENVIRONMENT, "the environment given is empty;"
                            + " give an environment name such as production, or none to use $ENVIRONMENT or development");
                }
                return in.env().get().strip();
            }
            return variable("ENVIRONMENT").map(String::strip).orElse(Defaults.ENVIRONMENT);
        }

        private ConfigTable database(String name) {
            ConfigTable t = file.databases().get(name);
            if (t != null) {
                return t;
            }
            String table = "[databases." + ConfigParser.tomlKey(name) + "]";
            if (!file.present()) {
                throw new StrataException(ErrorCode.CONFIG_INVALID, StrataException.Input.DATABASE_NAME, "the named database '" + name
                        + "' was chosen, but there is no " + file.name() + "; run strata init and add a " + table
                        + " table with a url, or choose no named database");
            }
            if (file.databases().isEmpty()) {
                throw new StrataException(ErrorCode.CONFIG_INVALID, StrataException.Input.DATABASE_NAME, file.name() + " defines no"
                        + " named databases, so the named database '" + name + "' matches nothing; add a " + table
                        + " table with a url, or choose no named database");
            }
            String close = ConfigParser.suggestion(name, file.databases().keySet(), "", "");
            throw new StrataException(ErrorCode.CONFIG_INVALID, StrataException.Input.DATABASE_NAME, file.name() + " has no " + table
                    + " for the named database '" + name + "'; the named databases are "
                    + String.join(", ", file.databases().keySet())
                    + (close.startsWith("; did you mean") ? close : ""));
        }

        private Path migrationsDir() {
            if (in.dir().isPresent()) {
                return in.workingDir().resolve(in.dir().get());
            }
            ConfigTable from = dbTable.filter(t -> t.string("migrations").isPresent()).orElse(file.strata());
            if (from.string("migrations").isPresent()) {
                return file.dir().resolve(expand(from, "migrations", "edit the value"));
            }
            return file.dir().resolve(Defaults.MIGRATIONS);
        }

        /** {@code schema_dir} of [strata], relative to the config file's folder; absent when not set. */
        private Optional<Path> schemaDir() {
            ConfigTable strata = file.strata();
            return strata.string("schema_dir").isPresent()
                    ? Optional.of(file.dir().resolve(expand(strata, "schema_dir", "edit the value")))
                    : Optional.empty();
        }

        /** {@code dev_url} of [strata], checked like a database URL; absent when not set. */
        private Optional<String> devUrl() {
            ConfigTable strata = file.strata();
            if (strata.string("dev_url").isEmpty()) {
                return Optional.empty();
            }
            String value = expand(strata, "dev_url", "edit the value");
            checkUrl(value, file.name() + " [strata] dev_url");
            return Optional.of(value);
        }

        /** A table-naming key: from [databases.NAME], else [strata], else the default. */
        private String string(String key, String fallback) {
            ConfigTable from = dbTable.filter(t -> t.string(key).isPresent()).orElse(file.strata());
            return from.string(key).isPresent() ? expand(from, key, "edit the value") : fallback;
        }

        /** A timing key: from [environments.ENV], else [strata], else the default. */
        private Duration duration(String key, Duration fallback) {
            ConfigTable from = envTable.string(key).isPresent() ? envTable : file.strata();
            if (from.string(key).isEmpty()) {
                return fallback;
            }
            String text = expand(from, key, "edit the value");
            return Durations.parse(text).orElseThrow(() -> new StrataException(ErrorCode.CONFIG_INVALID,
                    file.name() + ": " + from.label() + " " + key + " is \"" + text + "\" (after replacing ${...}),"
                            + " not a duration; " + Durations.hint(text)));
        }

        /** A table's url with ${VAR}s replaced; an unset variable's error is about the URL (which could be given directly). */
        private String expandUrl(ConfigTable table) {
            try {
                return expand(table, "url", "give the database URL directly");
            } catch (StrataException e) {
                throw new StrataException(e.code(), StrataException.Input.URL, e.getMessage(), e);
            }
        }

        private String expand(ConfigTable table, String key, String fix) {
            String where = file.name() + ": " + table.label() + " " + key;
            String value = Placeholders.expand(table.string(key).orElseThrow(), vars, where, fix);
            if (value.isBlank()) {
                throw new StrataException(ErrorCode.CONFIG_INVALID, where + " is empty after replacing ${...};"
                        + " set the variable it references to a value");
            }
            return value;
        }

        private Optional<String> variable(String name) {
            return Optional.ofNullable(vars.get(name)).filter(v -> !v.isBlank());
        }

        private static void checkUrl(String url, String source) {
            String lower = url.strip().toLowerCase(Locale.ROOT);
            if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")
                    || lower.startsWith("jdbc:postgresql:")) {
                return;
            }
            int colon = lower.indexOf("://");
            String scheme = colon > 0 && lower.substring(0, colon).matches("[a-z][a-z0-9+.-]*")
                    ? " (it starts with " + lower.substring(0, colon) + "://)" : "";
            String hint = lower.startsWith("postgresql+") || lower.startsWith("postgres+")
                    ? "; drop the +driver part of the SQLAlchemy form" : "";
            throw new StrataException(ErrorCode.URL_INVALID, "the database URL from " + source
                    + " is not a PostgreSQL URL" + scheme + "; write postgresql://user@host:5432/db"
                    + " or jdbc:postgresql://host:5432/db" + hint);
        }
    }
}
