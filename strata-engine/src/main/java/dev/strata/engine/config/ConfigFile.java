package dev.strata.engine.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The contents of one {@code strata.toml}, parsed and type-checked but not yet resolved against the
 * command line and the environment. An absent file is represented by {@link #absent}: empty tables.
 *
 * @param name         how messages name the file (e.g. {@code strata.toml} or {@code config/strata.toml})
 * @param dir          the folder relative paths in the file are resolved against
 * @param path         the file that was read, or empty when there was none
 * @param environments {@code [environments.NAME]} tables by NAME, sorted
 * @param databases    {@code [databases.NAME]} tables by NAME, sorted
 * @param ops          the {@code [preflight]}, {@code [backup]} and {@code [seeds]} tables that are present, by name
 */
record ConfigFile(String name, Path dir, Optional<Path> path, ConfigTable strata,
                  SortedMap<String, ConfigTable> environments, SortedMap<String, ConfigTable> databases,
                  Map<String, ConfigTable> ops) {
    ConfigFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(strata, "strata");
        environments = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(environments));
        databases = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(databases));
        ops = Map.copyOf(ops);
    }

    static ConfigFile absent(String name, Path dir) {
        return new ConfigFile(name, dir, Optional.empty(), ConfigTable.empty("[strata]"), new TreeMap<>(), new TreeMap<>(),
                Map.of());
    }

    /** The {@code [NAME]} operations table, empty when absent. */
    ConfigTable ops(String name) {
        return ops.getOrDefault(name, ConfigTable.empty("[" + name + "]"));
    }

    boolean present() {
        return path.isPresent();
    }

    /**
     * The environment table for {@code env}: the exact name, else the only one equal ignoring case
     * (so {@code ENVIRONMENT=PRODUCTION} still finds {@code [environments.production]}).
     */
    Optional<ConfigTable> environment(String env) {
        ConfigTable exact = environments.get(env);
        if (exact != null) {
            return Optional.of(exact);
        }
        ConfigTable found = null;
        for (Map.Entry<String, ConfigTable> e : environments.entrySet()) {
            if (e.getKey().equalsIgnoreCase(env)) {
                if (found != null) {
                    return Optional.empty();
                }
                found = e.getValue();
            }
        }
        return Optional.ofNullable(found);
    }
}
