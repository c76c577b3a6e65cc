package dev.strata.cli.commands;

import dev.strata.cli.Session;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.report.RevisionLists;
import dev.strata.graph.Revision;
import dev.strata.run.MigrationSet;
import dev.strata.script.MigrationScript;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code strata show REV}: one revision in full. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show one revision: its header fields and statements. REV: an id, unique prefix, head, or LABEL@head.")
public final class ShowCommand implements Callable<Integer> {
    @ParentCommand
    StrataCommand root;
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REV", description = "The revision.")
    String rev;

    @Override
    public Integer call() {
        try (Session s = new Session(root, spec)) {
            MigrationSet set = s.migrations();
            Revision r = resolve(set, rev);
            MigrationScript script = set.script(r.id());
            if (s.console().json()) {
                s.console().json(RevisionLists.Detail.of(set, r));
                return 0;
            }
            Describe.block(set, r, null).forEach(s.console()::line);
            s.console().line("-- upgrade");
            script.upgradePlan().forEach(st -> s.console().line(st.sql() + ";"));
            s.console().line("");
            s.console().line("-- downgrade");
            script.downgradePlan().ifPresentOrElse(list -> list.forEach(st -> s.console().line(st.sql() + ";")),
                    () -> s.console().line("-- irreversible: " + script.irreversibleReason().orElse("")));
            return 0;
        }
    }

    static Revision resolve(MigrationSet set, String spec) {
        if (spec.equals("head")) {
            var heads = set.graph().heads();
            if (heads.size() == 1) {
                return set.graph().get(heads.get(0));
            }
        }
        return set.graph().resolve(spec);
    }
}
