package dev.strata.cli.commands;

import dev.strata.cli.Session;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.adopt.Baseline;
import dev.strata.engine.report.AdoptReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code strata baseline}: adopt a live database by writing its schema as a first revision and stamping it. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = {"Adopt a database that has no Strata history: write a first revision that builds its current"
                + " schema from nothing (tables, constraints, views, materialized views, types, functions, TimescaleDB"
                + " and pgvector objects), declared irreversible, and stamp the database at it without running it.",
                "Refused when the migrations folder already has revisions or the database already has a Strata history.",
                "Then write new revisions on top as usual; a fresh database gets the same schema with `strata upgrade head`."})
public final class BaselineCommand implements Callable<Integer> {
    @ParentCommand
    StrataCommand root;
    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--message"}, paramLabel = "MSG", description = "The revision's message (default: baseline).")
    String message = "baseline";

    @Option(names = "--rev-id", paramLabel = "ID", description = "Use this id instead of a generated timestamp.")
    String revId;

    @Option(names = "--dev-url", paramLabel = "URL",
            description = "Check the new revision before writing it: apply it on a scratch database of this server"
                    + " (which needs the extensions the database uses) and compare the result with the database.")
    String devUrl;

    @Override
    public Integer call() {
        try (Session s = new Session(root, spec)) {
            Baseline.Result r = Baseline.run(s.workspace(), new Baseline.Request(revId, message, devUrl));
            if (s.console().json()) {
                s.console().json(AdoptReports.Baselined.of(r, s.workingDir()));
                return 0;
            }
            String file = AdoptReports.Baselined.of(r, s.workingDir()).file();
            s.console().info("Wrote " + file + " (" + r.ops().size() + " change(s); downgrade declared irreversible)"
                    + (r.checked() ? ", checked on a scratch database" : "") + ".");
            for (String l : r.notExpressed()) {
                s.console().warn("not expressed by " + file + ": " + l);
            }
            s.console().info("Stamped the database at " + r.revision() + " (nothing was run).");
            if (s.console().quiet()) {
                s.console().line(file);
            }
            return 0;
        }
    }
}
