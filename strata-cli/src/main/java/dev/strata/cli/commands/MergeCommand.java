package dev.strata.cli.commands;

import dev.strata.cli.Session;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.RevisionFiles;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.RevisionId;
import dev.strata.run.MigrationSet;
import dev.strata.script.RevisionTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code strata merge REVS -m MSG}: a revision whose parents are several heads. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Write a merge revision that joins two or more revisions (usually `heads`) into one head.",
                "A merge revision may have empty sections: it only joins the branches."})
public final class MergeCommand implements Callable<Integer> {
    @ParentCommand
    StrataCommand root;
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "REV", description = "The revisions to merge: ids, prefixes, LABEL@head, or heads.")
    List<String> revisions;

    @Option(names = {"-m", "--message"}, required = true, paramLabel = "MSG", description = "What the merge is for.")
    String message;

    @Option(names = "--rev-id", paramLabel = "ID", description = "Use this id instead of a generated timestamp.")
    String revId;

    @Override
    public Integer call() {
        try (Session s = new Session(root, spec)) {
            MigrationSet set = s.migrations();
            List<RevisionId> parents = RevisionFiles.resolveAll(set, revisions);
            if (parents.size() < 2) {
                throw new StrataException(ErrorCode.TARGET_INVALID, "merge needs at least two revisions to join, got "
                        + (parents.isEmpty() ? "none" : Describe.join(parents))
                        + "; `strata heads` lists the heads");
            }
            RevisionId id = RevisionFiles.newId(set, revId);
            WrittenRevision.report(s, id, RevisionFiles.write(s.settings().migrationsDir(), id, message,
                    RevisionTemplate.renderMerge(id, parents, message)));
            return 0;
        }
    }
}
