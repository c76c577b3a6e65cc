package dev.strata.cli.commands;

import dev.strata.cli.Session;
import dev.strata.cli.StrataCommand;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.RevisionId;
import dev.strata.java.JavaRevisionTemplate;
import dev.strata.run.MigrationSet;
import dev.strata.script.RevisionTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code strata revision -m MSG}: write a new, empty revision file (a SQL file, or with {@code --java} a Java class). */
@Command(name = "revision", mixinStandardHelpOptions = true,
        description = {"Write a new revision file with a sortable timestamped id, whose parent is the current head.",
                "Fill in its -- strata:upgrade and -- strata:downgrade sections, then run `strata upgrade head`.",
                "With --java, write a Java revision class under java_sources instead; compile it onto java_classpath."})
public final class RevisionCommand implements Callable<Integer> {
    @ParentCommand
    StrataCommand root;
    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--message"}, required = true, paramLabel = "MSG", description = "What the revision does.")
    String message;

    @Option(names = "--head", paramLabel = "REV",
            description = "The revision to build on when there are several heads (an id, LABEL@head), or base for a new root.")
    String head;

    @Option(names = "--parents", paramLabel = "REV", split = ",", arity = "1..*",
            description = "Explicit parents (two or more make a merge); overrides --head.")
    List<String> parents;

    @Option(names = "--branch-label", paramLabel = "LABEL", split = ",", description = "Label(s) for the branch this revision starts.")
    List<String> branchLabels = new ArrayList<>();

    @Option(names = "--depends-on", paramLabel = "REV", split = ",", description = "Revisions that must be applied first without being parents.")
    List<String> dependsOn = new ArrayList<>();

    @Option(names = "--non-transactional",
            description = "Mark the revision `transactional false`: its statements run one by one outside a transaction (for CREATE INDEX CONCURRENTLY).")
    boolean nonTransactional;

    @Option(names = "--rev-id", paramLabel = "ID", description = "Use this id instead of a generated timestamp.")
    String revId;

    @Option(names = "--java",
            description = "Write a Java revision class in java_package under java_sources (both from strata.toml) instead of a SQL file.")
    boolean java;

    @Override
    public Integer call() {
        try (Session s = new Session(root, spec)) {
            if (java && !s.settings().java().enabled()) {
                throw new StrataException(ErrorCode.CONFIG_INVALID, "revision --java needs java_package in [strata] of"
                        + " strata.toml (e.g. java_package = \"com.acme.migrations\") to know the class's package;"
                        + " add it, or drop --java to write a SQL revision");
            }
            MigrationSet set = s.migrations();
            List<RevisionId> parentIds;
            if (parents != null) {
                parentIds = RevisionFiles.resolveAll(set, parents);
            } else if (head != null) {
                parentIds = RevisionFiles.resolveAll(set, List.of(head));
            } else {
                List<RevisionId> heads = set.graph().heads();
                if (heads.size() > 1) {
                    throw new StrataException(ErrorCode.MULTIPLE_HEADS, "there are " + heads.size() + " heads ("
                            + Describe.join(heads) + "): pass --head REV to build on one of them, or merge them first"
                            + " with `strata merge heads -m MSG`");
                }
                parentIds = heads;
            }
            List<RevisionId> deps = RevisionFiles.resolveAll(set, dependsOn);
            RevisionId id = RevisionFiles.newId(set, revId);
            if (java) {
                String pkg = s.settings().java().packageName().orElseThrow();
                String source = JavaRevisionTemplate.render(pkg, id, parentIds, message, branchLabels, deps, !nonTransactional);
                RevisionFiles.write(s, id, s.settings().java().sources()
                        .resolve(JavaRevisionTemplate.relativePath(pkg, id, message)), source);
                return 0;
            }
            String text = RevisionTemplate.render(id, parentIds, message, branchLabels, deps, !nonTransactional);
            text = RevisionFiles.applyTemplate(s.settings().migrationsDir(), text, id, message);
            RevisionFiles.write(s, id, message, text);
            return 0;
        }
    }
}
