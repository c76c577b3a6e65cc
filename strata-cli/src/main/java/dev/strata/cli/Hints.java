package dev.strata.cli;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.util.Optional;

/**
 * The CLI's own hint for an error code, naming the flag or command that helps: messages of the core and
 * the engine say what failed and what to do without citing command-line flags; the CLI adds this line.
 */
final class Hints {
    private Hints() {
    }

    /** The hint for {@code e}: the flag for the setting it is about, else the one for its code. */
    static Optional<String> of(StrataException e) {
        return e.input().map(Hints::of).or(() -> of(e.code()));
    }

    /** How a user of the CLI sets {@code input}. */
    static String of(StrataException.Input input) {
        return switch (input) {
            case CONFIG_FILE -> "--config FILE names the config file (without it, strata.toml of the working directory)";
            case ENVIRONMENT -> "the environment is chosen with --env NAME (without it, $ENVIRONMENT, else development);"
                    + " --url URL gives the database directly";
            case URL -> "--url URL gives the database URL, overriding strata.toml and $DATABASE_URL*; drop --url to use"
                    + " the configured one";
            case DATABASE_NAME -> "-n NAME chooses [databases.NAME] of strata.toml; drop -n for the default database";
            case MIGRATIONS_DIR -> "--dir DIR names the migrations folder (without it, migrations of strata.toml, else"
                    + " migrations/)";
        };
    }

    static Optional<String> of(ErrorCode code) {
        if (code == ErrorCode.APPLIED_REVISION_MISSING) {
            return Optional.of("`strata check` lists them; `strata upgrade --ignore-unknown` applies this folder's"
                    + " pending revisions and leaves them as they are");
        }
        if (code == ErrorCode.FILE_EXISTS) {
            return Optional.of("pass another --rev-id, or another -m message");
        }
        return Optional.empty();
    }
}
