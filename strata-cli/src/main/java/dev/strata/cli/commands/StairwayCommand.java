package dev.strata.cli.commands;

import dev.strata.cli.Console;
import dev.strata.cli.ExitCode;
import dev.strata.cli.Session;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.Stairway;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code strata stairway}: every revision up, down and up again on a scratch database. */
@Command(name = "stairway", mixinStandardHelpOptions = true,
        description = {"Test every revision's downgrade on a scratch database: for each revision in order, upgrade it,"
                + " read the schema, downgrade it, check the schema equals the one before its upgrade, upgrade it again.",
                "Reports the first revision whose downgrade does not restore its parent exactly, with the SQL that"
                        + " would restore it, and exits 1. Irreversible revisions are upgraded and not stepped down.",
                "The configured database is not touched: the scratch database is made on --dev-url (or dev_url),"
                        + " else in a throw-away embedded PostgreSQL, and dropped afterwards."})
public final class StairwayCommand implements Callable<Integer> {
    @ParentCommand
    StrataCommand root;
    @Spec
    CommandSpec spec;

    @Option(names = "--data", description = "Load each revision's fixture (FIXTURES/<revision id>.sql) before its upgrade"
            + " and check its rows survive the upgrade, downgrade and second upgrade.")
    boolean data;

    @Option(names = "--fixtures", paramLabel = "DIR", description = "The fixtures folder for --data (default: fixtures/"
            + " next to the migrations folder).")
    Path fixtures;

    @Option(names = "--dev-url", paramLabel = "URL",
            description = "A server for the scratch database (default: dev_url of strata.toml, else a throw-away embedded PostgreSQL).")
    String devUrl;

    @Override
    public Integer call() {
        try (Session s = new Session(root, spec)) {
            Optional<Path> dir = Optional.empty();
            if (data || fixtures != null) {
                dir = Optional.of(fixtures != null ? s.workingDir().resolve(fixtures).normalize()
                        : s.settings().migrationsDir().resolveSibling("fixtures"));
            }
            Stairway.Result r = Stairway.run(s.workspace(), new Stairway.Options(Optional.ofNullable(devUrl), dir));
            print(s.console(), r);
            return r.passed() ? ExitCode.OK : ExitCode.FAILURE;
        }
    }

    static void print(Console console, Stairway.Result r) {
        if (console.json()) {
            console.json(r);
            return;
        }
        for (Stairway.Checked c : r.revisions()) {
            String fixture = c.fixture().isEmpty() ? "" : "  (fixture: " + String.join(", ", c.fixture().stream()
                    .map(t -> t.table() + " " + t.rows() + " row(s)").toList()) + ")";
            if (c.outcome().equals(Stairway.Checked.IRREVERSIBLE)) {
                console.line("irreversible  " + c.revision() + "  " + c.message() + "  (upgraded only, not stepped down: "
                        + c.reason() + ")" + fixture);
            } else if (c.outcome().equals(Stairway.Checked.RESTORED)) {
                console.line("ok            " + c.revision() + "  " + c.message() + fixture);
            } else {
                console.line("FAILED        " + c.revision() + "  " + c.message() + fixture);
            }
        }
        Stairway.Failure f = r.failure();
        if (f != null) {
            console.line("");
            console.line("Stairway failed at " + f.revision() + " (" + f.phase() + "): " + f.message());
            f.differences().forEach(d -> console.line("    " + d));
            return;
        }
        int irreversible = r.irreversible().size();
        console.line("");
        console.line("Stairway passed: " + r.revisions().size() + " revision(s), each upgraded, downgraded to its parent's"
                + " schema and upgraded again" + (irreversible == 0 ? "" : " (" + irreversible + " irreversible, only"
                + " upgraded)") + (r.data() ? "; fixture data kept" : "") + " in " + r.millis() + " ms.");
    }
}
