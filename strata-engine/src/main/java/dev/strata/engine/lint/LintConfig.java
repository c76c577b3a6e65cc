package dev.strata.engine.lint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.lint.LintOptions;
import dev.strata.lint.RuleSet;
import dev.strata.lint.Severity;
import dev.strata.lint.SizeThresholds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code [lint]} table of {@code strata.toml}, read on its own (the rest of the file is the config loader's):
 *
 * <pre>
 * [lint]
 * fail_on = "warning"        # info | warning | error (default error)
 * upgrade = "off"            # refuse (default): upgrade lints first and refuses failing findings; off
 * observe = "auto"          # auto (default): lint replays revisions on a scratch database; off: static only
 * upgrade_observe = false    # true: the upgrade gate observes too (slower; default false, static)
 * observe_changes = true     # each statement's schema change: true (default) reads the schema after each
 *                            # statement that may change it; false: never ("auto" is read as true)
 * size_aware = true          # findings on tables of the configured database are sized (default true)
 * rows_plus_one = 10000      # above this many rows, size-sensitive findings rise one level
 * rows_plus_two = 1000000    # above this many, two
 * [lint.rules]
 * SA001 = "off"              # off | info | warning | error; a rule's id or name
 * </pre>
 */
public final class LintConfig {
    private LintConfig() {
    }

    /**
     * @param file        the config file, if any
     * @param lockTimeout Strata's configured lock_timeout
     * @throws StrataException CONFIG_INVALID naming the file, the key and what is allowed
     */
    public static LintOptions read(Optional<Path> file, Duration lockTimeout) {
        Map<String, Optional<Severity>> rules = new LinkedHashMap<>();
        Severity failOn = Severity.ERROR;
        boolean sizeAware = SizeThresholds.DEFAULTS.enabled();
        long plusOne = SizeThresholds.DEFAULTS.plusOne();
        long plusTwo = SizeThresholds.DEFAULTS.plusTwo();
        if (file.isPresent() && Files.isRegularFile(file.get())) {
            String name = file.get().getFileName().toString();
            JsonNode lint = tree(file.get(), name).get("lint");
            if (lint != null) {
                if (!lint.isObject()) {
                    throw fail(name, "[lint] must be a table");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = lint.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    switch (e.getKey()) {
                        case "fail_on" -> failOn = severity(name, "[lint] fail_on", e.getValue(), false)
                                .orElseThrow();
                        case "rules" -> rules(name, e.getValue(), rules);
                        case "upgrade" -> upgradeMode(name, e.getValue());
                        case "observe" -> observeMode(name, e.getValue());
                        case "upgrade_observe" -> {
                            if (!e.getValue().isBoolean()) {
                                throw fail(name, "[lint] upgrade_observe must be true or false");
                            }
                        }
                        case "observe_changes" -> observeChanges(name, e.getValue());
                        case "size_aware" -> {
                            if (!e.getValue().isBoolean()) {
                                throw fail(name, "[lint] size_aware must be true or false");
                            }
                            sizeAware = e.getValue().booleanValue();
                        }
                        case "rows_plus_one" -> plusOne = rows(name, e.getKey(), e.getValue());
                        case "rows_plus_two" -> plusTwo = rows(name, e.getKey(), e.getValue());
                        default -> throw fail(name, "unknown key " + e.getKey() + " in [lint]; known: fail_on, "
                                + "upgrade, observe, upgrade_observe, observe_changes, size_aware, rows_plus_one, "
                                + "rows_plus_two, [lint.rules]");
                    }
                }
            }
        }
        if (plusTwo < plusOne) {
            throw fail(file.map(p -> p.getFileName().toString()).orElse("strata.toml"), "[lint] rows_plus_two ("
                    + plusTwo + ") is below rows_plus_one (" + plusOne + "); make it at least as large");
        }
        return new LintOptions(rules, failOn, lockTimeout, new SizeThresholds(sizeAware, plusOne, plusTwo));
    }

    private static long rows(String name, String key, JsonNode v) {
        if (!v.canConvertToLong() || !v.isIntegralNumber() || v.longValue() < 0) {
            throw fail(name, "[lint] " + key + " must be a row count (a whole number >= 0), e.g. 10000");
        }
        return v.longValue();
    }

    /** Whether {@code upgrade} lints first and refuses failing findings ({@code [lint] upgrade}, default refuse). */
    public static boolean upgradeGate(Optional<Path> file) {
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            return true;
        }
        String name = file.get().getFileName().toString();
        JsonNode lint = tree(file.get(), name).get("lint");
        JsonNode mode = lint == null ? null : lint.get("upgrade");
        return mode == null || upgradeMode(name, mode);
    }

    /**
     * Whether {@code strata lint} observes by default ({@code [lint] observe}: "auto", the default, observes when a
     * scratch database can be had; "off" lints statically unless {@code --observe} is given).
     */
    public static boolean observeByDefault(Optional<Path> file) {
        JsonNode v = key(file, "observe");
        return v == null || observeMode(file.get().getFileName().toString(), v);
    }

    /** Whether the upgrade gate observes too ({@code [lint] upgrade_observe}, default false: static, fast). */
    public static boolean upgradeObserve(Optional<Path> file) {
        JsonNode v = key(file, "upgrade_observe");
        return v != null && v.isBoolean() && v.booleanValue();
    }

    /**
     * Whether observation reads the schema after each statement that may change it ({@code [lint]
     * observe_changes}): true (default), false never. "auto", which once stopped above 100 such statements, is read
     * as true.
     */
    public static boolean observeChanges(Optional<Path> file) {
        JsonNode v = key(file, "observe_changes");
        return v == null || observeChanges(file.get().getFileName().toString(), v);
    }

    private static boolean observeChanges(String name, JsonNode v) {
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual() && v.textValue().equals("auto")) {
            return true;
        }
        throw fail(name, "[lint] observe_changes must be true or false");
    }

    private static JsonNode key(Optional<Path> file, String key) {
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            return null;
        }
        JsonNode lint = tree(file.get(), file.get().getFileName().toString()).get("lint");
        return lint == null || !lint.isObject() ? null : lint.get(key);
    }

    private static boolean observeMode(String name, JsonNode v) {
        if (v.isTextual() && (v.textValue().equals("auto") || v.textValue().equals("off"))) {
            return v.textValue().equals("auto");
        }
        throw fail(name, "[lint] observe must be \"auto\" or \"off\"");
    }

    private static boolean upgradeMode(String name, JsonNode v) {
        if (v.isTextual() && (v.textValue().equals("refuse") || v.textValue().equals("off"))) {
            return v.textValue().equals("refuse");
        }
        throw fail(name, "[lint] upgrade must be \"refuse\" or \"off\"");
    }

    private static void rules(String name, JsonNode node, Map<String, Optional<Severity>> out) {
        if (!node.isObject()) {
            throw fail(name, "[lint.rules] must be a table like SA001 = \"off\"");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String id = RuleSet.resolve(e.getKey(), name + " [lint.rules]");
            out.put(id, severity(name, "[lint.rules] " + e.getKey(), e.getValue(), true));
        }
    }

    /** A severity, or empty for "off" (when allowed). */
    public static Optional<Severity> severity(String file, String at, JsonNode v, boolean offAllowed) {
        String allowed = offAllowed ? "\"off\", \"info\", \"warning\" or \"error\"" : "\"info\", \"warning\" or \"error\"";
        if (v == null || !v.isTextual()) {
            throw fail(file, at + " must be " + allowed);
        }
        if (offAllowed && v.textValue().equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        return Optional.of(Severity.parse(v.textValue())
                .orElseThrow(() -> fail(file, at + " is \"" + v.textValue() + "\"; use " + allowed)));
    }

    private static JsonNode tree(Path file, String name) {
        try {
            return new TomlMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw fail(name, "invalid TOML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new StrataException(ErrorCode.IO_FAILED, "cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private static StrataException fail(String file, String what) {
        return new StrataException(ErrorCode.CONFIG_INVALID, file + ": " + what);
    }
}
