package dev.strata.cli;

import dev.strata.cli.commands.CurrentCommand;
import dev.strata.cli.commands.DowngradeCommand;
import dev.strata.cli.commands.UpgradeCommand;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The plain {@code strata [global options] upgrade [TARGET] [flags]} and {@code strata [global options] downgrade
 * TARGET [--cascade]} command lines, the ones deployments and rollbacks run, and {@code strata [global options]
 * current}, without picocli: building picocli's model of the commands (by reflection, a proxy class per annotation
 * type) costs about a tenth of a second of every start, more than the rest of a no-op's command-line work. Only what
 * this class recognizes takes this path — the global options with a separate value ({@code --url URL}, not
 * {@code --url=URL}), {@code --json}, {@code -q}, {@code -v} and their long forms, the upgrade's {@code TARGET},
 * {@code --resume}, {@code --ignore-unknown}, {@code --skip-preflight}, {@code --[no-]backup}, {@code --[no-]seed},
 * and the downgrade's {@code TARGET} and {@code --cascade}, each at most once; anything else (help, --sql,
 * --lock-wait, --allow, --metrics-file, --wait-for-db, a value starting with '-', an unknown word, a repeated option,
 * a downgrade without its TARGET) goes to picocli, which parses, validates and reports as always. The command then
 * runs as picocli would run it: the same {@link UpgradeCommand}, {@link DowngradeCommand} or {@link CurrentCommand},
 * the same writers, the same error handling ({@link Main#failed}).
 */
final class QuickMigrate {
    private static final Set<String> VALUED = Set.of("--config", "--env", "--url", "--dir", "-n", "--name");
    private static final Set<String> GLOBAL_FLAGS = Set.of("--json", "-q", "--quiet", "-v", "--verbose");
    /** The upgrade's own flags: after the word upgrade only, as picocli has them. */
    private static final Set<String> UPGRADE_FLAGS = Set.of("--resume", "--ignore-unknown", "--skip-preflight",
            "--backup", "--no-backup", "--seed", "--no-seed");
    /** The downgrade's own flag taken here: after the word downgrade only. */
    private static final Set<String> DOWNGRADE_FLAGS = Set.of("--cascade");

    private QuickMigrate() {
    }

    /** Runs the command line when it is a plain upgrade or downgrade; null when picocli must handle it. */
    static Integer run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Path workingDir,
                       boolean json) {
        StrataCommand root = new StrataCommand(env, workingDir);
        GlobalOptions g = root.global;
        Set<String> seen = new HashSet<>();
        boolean upgrade = false;
        boolean downgrade = false;
        boolean current = false;
        String target = null;
        Boolean backup = null;
        Boolean seed = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (VALUED.contains(a)) {
                if (i + 1 >= args.length || args[i + 1].isEmpty() || args[i + 1].startsWith("-")
                        || !seen.add(canonical(a))) {
                    return null;
                }
                String value = args[++i];
                try {
                    switch (a) {
                        case "--config" -> g.config = Path.of(value);
                        case "--env" -> g.env = value;
                        case "--url" -> g.url = value;
                        case "--dir" -> g.dir = Path.of(value);
                        default -> g.name = value;
                    }
                } catch (InvalidPathException e) {
                    return null;
                }
            } else if (GLOBAL_FLAGS.contains(a) || upgrade && UPGRADE_FLAGS.contains(a)
                    || downgrade && DOWNGRADE_FLAGS.contains(a)) {
                if (!seen.add(canonical(a))) {
                    return null;
                }
                switch (a) {
                    case "--backup", "--no-backup" -> backup = a.equals("--backup");
                    case "--seed", "--no-seed" -> seed = a.equals("--seed");
                    default -> {
                    }
                }
            } else if (a.equals("upgrade") && !upgrade && !downgrade && !current) {
                upgrade = true;
            } else if (a.equals("downgrade") && !upgrade && !downgrade && !current) {
                downgrade = true;
            } else if (a.equals("current") && !upgrade && !downgrade && !current) {
                current = true;
            } else if ((upgrade || downgrade) && target == null && !a.isEmpty() && !a.startsWith("-")) {
                target = a;
            } else {
                return null;
            }
        }
        if (!upgrade && !(downgrade && target != null) && !current) {
            return null;
        }
        g.json = seen.contains("--json");
        g.quiet = seen.contains("--quiet");
        g.verbose = seen.contains("--verbose");
        PrintWriter toOut = new PrintWriter(out, true);
        PrintWriter toErr = new PrintWriter(err, true);
        try {
            if (downgrade) {
                return DowngradeCommand.of(root, target, seen.contains("--cascade")).call(toOut, toErr);
            }
            if (current) {
                return CurrentCommand.of(root).call(toOut, toErr);
            }
            return UpgradeCommand.of(root, target == null ? "head" : target, seen.contains("--resume"),
                    seen.contains("--ignore-unknown"), seen.contains("--skip-preflight"), backup, seed)
                    .call(toOut, toErr);
        } catch (Exception e) {
            return Main.failed(e, root, err, json);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** One name per option (short forms and the two spellings of a negatable option share it). */
    private static String canonical(String option) {
        return switch (option) {
            case "-n" -> "--name";
            case "-q" -> "--quiet";
            case "-v" -> "--verbose";
            case "--no-backup" -> "--backup";
            case "--no-seed" -> "--seed";
            default -> option;
        };
    }
}
