package dev.strata.lint;

import java.util.Objects;

/**
 * Where a finding is: the revision file (as shown to the user) and the line, 1-based; line 0 when the
 * finding is about the revision as a whole or the source has no lines (a Java revision).
 */
public record Location(String file, int line) {
    public Location {
        Objects.requireNonNull(file, "file");
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0");
        }
    }

    @Override
    public String toString() {
        return line == 0 ? file : file + ":" + line;
    }
}
