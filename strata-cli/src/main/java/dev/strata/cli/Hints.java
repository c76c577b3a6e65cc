package dev.strata.cli;

import dev.strata.error.ErrorCode;

import java.util.Optional;

/**
 * The CLI's own hint for an error code, naming the flag or command that helps: messages of the core and
 * the engine say what failed and what to do without citing command-line flags; the CLI adds this line.
 */
final class Hints {
    private Hints() {
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
