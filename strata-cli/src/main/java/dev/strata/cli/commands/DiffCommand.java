package dev.strata.cli.commands;

import dev.strata.cli.Console;
import dev.strata.cli.ExitCode;
import dev.strata.cli.Session;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.report.RunReports;
import dev.strata.engine.schema.ModelSource;
import dev.strata.engine.schema.Models;
import dev.strata.engine.schema.Renames;
import dev.strata.engine.schema.SchemaDiff;
import dev.strata.engine.schema.SqlListing;
import dev.strata.model.SchemaModel;
import dev.strata.op.Renderer;
import dev.strata.plan.Statement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code strata diff SOURCE TARGET}: the SQL that turns one schema into another. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Print the SQL that turns SOURCE into TARGET (nothing when they are equal). Neither side is changed.",
                "Each is a database URL (postgresql://... or jdbc:postgresql://..., only read), a revision of the chain"
                        + " (rev:ID, head, heads, base, or an id; replayed on a scratch database), or a schema folder"
                        + " (its *.sql files applied in name order on a scratch database)."},
        footer = {"", "Differences the differ cannot express are listed on standard error (and under \"unsupported\""
                + " with --json). Example: strata diff head schema/"})
public final class DiffCommand implements Callable<Integer> {
    @ParentCommand
    StrataCommand root;
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "Where to start from.")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET", description = "What to arrive at.")
    String target;

    @Option(names = "--dev-url", paramLabel = "URL",
            description = "A server for scratch databases (default: dev_url of strata.toml, else a throw-away embedded PostgreSQL).")
    String devUrl;

    @Option(names = "--rename", paramLabel = "OLD=NEW", description = "Treat OLD as renamed to NEW. Repeatable.")
    List<String> renames = new ArrayList<>();

    @Override
    public Integer call() {
        try (Session s = new Session(root, spec)) {
            ModelSource from = ModelSource.parse(source, s.workingDir());
            ModelSource to = ModelSource.parse(target, s.workingDir());
            SchemaDiff.Outcome out;
            try (Models models = new Models(s.workspace(), devUrl)) {
                var both = models.both(() -> models.load(from), () -> models.load(to));
                out = SchemaDiff.diff(both.first(), both.second(), Renames.parse(renames), false);
            }
            print(s.console(), out);
            return ExitCode.OK;
        }
    }

    static void print(Console console, SchemaDiff.Outcome out) {
        List<Statement> sql = Renderer.render(out.ops());
        if (console.json()) {
            console.json(RunReports.Diff.of(out, sql));
            return;
        }
        console.raw(SqlListing.text(sql));
        out.candidates().forEach(c -> console.info("possible rename: " + c.kind() + " " + c.from() + " -> " + c.to()
                + " (written as drop and add; pass --rename " + c.from() + "=" + c.to() + " for a rename)"));
        out.unsupported().forEach(u -> console.warn("not expressed: " + u));
    }
}
