package dev.strata.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The engine's own version, read from a resource of the engine's jar (filtered by the build). It is what
 * the history table records, whichever front end (CLI, library, plugin) runs the engine.
 */
public final class EngineVersion {
    private static final String VERSION = load();

    private EngineVersion() {
    }

    /** The version of this build, or {@code dev} when the engine runs from sources that were not filtered. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = EngineVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }
}
