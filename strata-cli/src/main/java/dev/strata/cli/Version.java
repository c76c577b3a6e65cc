package dev.strata.cli;

import dev.strata.engine.EngineVersion;
import picocli.CommandLine.IVersionProvider;

/** The tool version: the engine's (one version for the CLI and the library). */
public final class Version implements IVersionProvider {
    public static String get() {
        return EngineVersion.get();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"strata " + get()};
    }
}
