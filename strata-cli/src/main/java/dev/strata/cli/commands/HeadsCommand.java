package dev.strata.cli.commands;

import dev.strata.cli.Session;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.report.RevisionLists;
import dev.strata.graph.RevisionId;
import dev.strata.run.MigrationSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code strata heads}: the head revisions of the migrations folder (no database needed). */
@Command(name = "heads", mixinStandardHelpOptions = true,
        description = "Show the head revisions: those no other revision revises. Needs no database.")
public final class HeadsCommand implements Callable<Integer> {
    @ParentCommand
    StrataCommand root;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Session s = new Session(root, spec)) {
            s.workspace().project().splittingOnUse(); // headers and checksums through the revision cache
            MigrationSet set = s.migrations();
            if (s.console().json()) {
                s.console().json(RevisionLists.Heads.of(set));
                return 0;
            }
            for (RevisionId id : set.graph().heads()) {
                var r = set.graph().get(id);
                if (s.console().verbose()) {
                    Describe.block(set, r, null).forEach(s.console()::line);
                } else {
                    s.console().line(Describe.line(set, r, null));
                }
            }
            return 0;
        }
    }
}
