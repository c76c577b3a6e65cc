package dev.strata.cli.commands;

import dev.strata.cli.ExitCode;
import dev.strata.cli.Session;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.ops.Backups;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code strata backup}: a verified pg_dump of the database now. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Back the database up now with pg_dump, verified.",
                "pg_dump -Fc into the backup folder ([backup] folder, default backups/), verified with pg_restore --list, named DATABASE_UTCTIME_FROM-TO.dump, recorded in the"
                + " history table; older backups of the database are pruned (backup_keep, backup_max_age).",
                "pg_dump is [backup] pg_dump, else /usr/lib/postgresql/MAJOR/bin/pg_dump, else the PATH's; it must"
                        + " be at least the server's major version."})
public final class BackupCommand implements Callable<Integer> {
    @ParentCommand
    StrataCommand root;
    @Spec
    CommandSpec spec;

    @Option(names = "--list", description = "List this database's backups in the folder, newest first, instead.")
    boolean list;

    @Override
    public Integer call() {
        try (Session s = new Session(root, spec)) {
            if (list) {
                var files = Backups.list(s.workspace());
                if (s.console().json()) {
                    s.console().json(new Listing(files.stream().map(f -> relative(s, f)).toList()));
                } else {
                    files.forEach(f -> s.console().line(relative(s, f)));
                }
                return ExitCode.OK;
            }
            Backups.Backup b = Backups.take(s.workspace());
            if (s.console().json()) {
                s.console().json(b);
            } else {
                s.console().line(b.file());
            }
            return ExitCode.OK;
        }
    }

    private static String relative(Session s, java.nio.file.Path f) {
        java.nio.file.Path dir = s.settings().projectDir();
        return f.startsWith(dir) ? dir.relativize(f).toString() : f.toString();
    }

    /** The backups of the database, newest first. */
    record Listing(java.util.List<String> backups) {
    }
}
