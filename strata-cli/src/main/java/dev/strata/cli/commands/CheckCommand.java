package dev.strata.cli.commands;

import dev.strata.cli.ExitCode;
import dev.strata.cli.Session;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.Status;
import dev.strata.engine.StatusReader;
import dev.strata.engine.report.StatusReports;
import dev.strata.run.DeferredBuilds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code strata check}: exit 3 when the database is not at the head(s), or when schemas have drifted. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check that the database is at the head revision(s).",
                "When a desired-state folder is configured (schema_dir, or --schema-dir), also check that the chain"
                        + " head produces exactly that schema (both built on scratch databases).",
                "With --drift, also check that the database matches what its applied revisions produce (no change by hand).",
                "Applied revisions whose file changed, and revisions left half-applied, are reported as upgrade would refuse them.",
                "Lists deferred pgvector index builds still waiting for rows (pending work `strata upgrade` finishes; they do"
                        + " not change the exit status).",
                "Exit status 0 when all is in order, 3 when revisions are pending or anything differs (listed),"
                        + " 1 when upgrade would refuse to run (a changed applied file, a revision needing repair) or on failure."})
public final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    StrataCommand root;
    @Spec
    CommandSpec spec;

    @Option(names = "--schema-dir", paramLabel = "DIR",
            description = "The desired-state folder to compare with the chain head (default: schema_dir of strata.toml).")
    Path schemaDir;

    @Option(names = "--drift", description = "Also compare the database with the chain at the revisions it has applied.")
    boolean drift;

    @Option(names = "--dev-url", paramLabel = "URL",
            description = "A server for scratch databases (default: dev_url of strata.toml, else a throw-away embedded PostgreSQL).")
    String devUrl;

    @Override
    public Integer call() {
        try (Session s = new Session(root, spec)) {
            Optional<Path> folder = schemaDir != null ? Optional.of(s.workingDir().resolve(schemaDir).normalize())
                    : s.settings().schemaDir();
            Status st = StatusReader.read(s.workspace(), folder, drift, devUrl);
            // deferred pgvector builds are pending work, not a failed check: they wait for data
            List<DeferredBuilds.Pending> deferred = DeferredBuilds.of(s.migrations(), s.target()).pending();
            if (s.console().json()) {
                s.console().json(StatusReports.Check.of(st, deferred));
            } else {
                printText(s, st, folder);
            }
            if (!s.console().json()) {
                CurrentCommand.deferredLines(deferred).forEach(s.console()::line);
            }
            if (st.blocked()) {
                return ExitCode.FAILURE;
            }
            return st.upToDate() ? ExitCode.OK : ExitCode.PENDING;
        }
    }

    private void printText(Session s, Status st, Optional<Path> folder) {
        boolean revisionsOk = st.pending().isEmpty() && st.unknownApplied().isEmpty() && !st.blocked();
        if (revisionsOk) {
            s.console().line("The database is up to date (at " + String.join(", ", st.current()) + ").");
        } else {
            for (Status.PendingRevision p : st.pending()) {
                s.console().line("pending " + p.revision() + ", " + p.message() + " (" + p.file() + ")");
            }
            if (!st.unknownApplied().isEmpty()) {
                s.console().line("the database has " + st.unknownApplied().size() + " revision(s) this folder does not"
                        + " know: " + String.join(", ", st.unknownApplied()));
            }
            for (String id : st.unknownApplied()) {
                s.console().line("unknown " + id + ": applied to the database but not in the migrations folder");
            }
            st.needsRepair().forEach(p -> s.console().line("needs repair " + p.revision()
                    + ": applied only in part (" + p.statementsRun() + " of " + p.statementsTotal() + " statements)"));
            st.checksumMismatches().forEach(m -> s.console().line("checksum mismatch " + m.revision() + " (" + m.file()
                    + "): changed after it was applied (applied checksum " + m.applied() + ", now " + m.now() + ")"));
            if (!st.pending().isEmpty()) {
                s.console().info(st.pending().size() + " revision(s) pending; " + CurrentCommand.upgradeHint(st.heads()) + ".");
            }
            if (!st.checksumMismatches().isEmpty()) {
                s.console().info("upgrade refuses to run: undo the edit and put the change in a new revision, or"
                        + " accept it with `strata repair --accept-checksum REV`");
            }
            if (!st.needsRepair().isEmpty()) {
                s.console().info("upgrade refuses to run: fix the cause, then `strata upgrade --resume`, or"
                        + " `strata repair`");
            }
            if (!st.unknownApplied().isEmpty()) {
                s.console().info("the database is ahead of this code: deploy the code that has those revisions, or"
                        + " pass `strata upgrade --ignore-unknown` to apply this folder's pending revisions anyway");
            }
        }
        String name = folder.map(f -> s.workingDir().relativize(f.toAbsolutePath()).toString()).orElse("");
        st.schemaDrift().forEach(d -> s.console().line("schema drift (chain head -> " + name + "): " + d));
        if (folder.isPresent() && st.schemaDrift().isEmpty()) {
            s.console().line("The chain head matches " + name + ".");
        } else if (folder.isPresent()) {
            s.console().info("the revisions do not produce " + name + "; run `strata revision --autogenerate -m MSG`");
        }
        st.databaseDrift().forEach(d -> s.console().line("database drift (applied revisions -> database): " + d));
        if (drift && st.databaseDrift().isEmpty()) {
            s.console().line("The database matches its applied revisions.");
        } else if (drift) {
            s.console().info("the database was changed outside the revisions; see `strata diff heads "
                    + s.settings().displayUrl() + "`");
        }
    }
}
