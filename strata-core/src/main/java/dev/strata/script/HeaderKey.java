package dev.strata.script;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The keys a revision file header may hold, spelled as in the file ({@code -- strata:KEY VALUE}). */
enum HeaderKey {
    REVISION("revision", true),
    PARENTS("parents", true),
    MESSAGE("message", false),
    BRANCH_LABELS("branch-labels", true),
    DEPENDS_ON("depends-on", true),
    TRANSACTIONAL("transactional", true),
    DESTRUCTIVE("destructive", true),
    IRREVERSIBLE("irreversible", true);

    static final String UPGRADE = "upgrade";
    static final String DOWNGRADE = "downgrade";
    static final String VERIFY = "verify";

    private final String spelling;
    private final boolean needsValue;

    HeaderKey(String spelling, boolean needsValue) {
        this.spelling = spelling;
        this.needsValue = needsValue;
    }

    String spelling() {
        return spelling;
    }

    boolean needsValue() {
        return needsValue;
    }

    static Optional<HeaderKey> of(String spelling) {
        return Arrays.stream(values()).filter(k -> k.spelling.equals(spelling)).findFirst();
    }

    /** Every word that may follow {@code -- strata:}: header keys and section names. */
    static List<String> allWords() {
        List<String> words = new java.util.ArrayList<>(Arrays.stream(values()).map(HeaderKey::spelling).toList());
        words.add(UPGRADE);
        words.add(DOWNGRADE);
        words.add(VERIFY);
        return words;
    }
}
