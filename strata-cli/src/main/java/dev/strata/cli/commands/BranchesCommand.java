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

import java.util.List;
import java.util.concurrent.Callable;

/** {@code strata branches}: revisions where the graph branches. */
@Command(name = "branches", mixinStandardHelpOptions = true,
        description = "Show branch points: revisions that two or more revisions revise. Needs no database.")
public final class BranchesCommand implements Callable<Integer> {
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
                s.console().json(RevisionLists.Branches.of(set));
                return 0;
            }
            for (RevisionId id : set.graph().branchPoints()) {
                var r = set.graph().get(id);
                List<RevisionId> children = set.graph().children(id);
                s.console().line(Describe.line(set, r, null));
                for (RevisionId c : children) {
                    s.console().line("    -> " + Describe.line(set, set.graph().get(c), null));
                }
            }
            return 0;
        }
    }
}
