package dev.strata.cli.commands;

import dev.strata.cli.ExitCode;
import dev.strata.cli.Session;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.SchemaVerifier;
import dev.strata.engine.Status;
import dev.strata.engine.report.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code strata verify}: the database against what the chain's head produces, and the applied checksums. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify the database after an upgrade: it is at the head revision(s), no revision is half-applied"
                + " or unknown, every applied revision's recorded checksum matches its file, and the live schema is"
                + " exactly what the chain's head produces (replayed on a scratch database and compared).",
                "Exit status 0 when verified, 3 when revisions are pending or the schema differs (listed), 1 when"
                        + " upgrade would refuse to run (a changed applied file, a revision needing repair) or on failure."})
public final class VerifyCommand implements Callable<Integer> {
    @ParentCommand
    StrataCommand root;
    @Spec
    CommandSpec spec;

    @Option(names = "--dev-url", paramLabel = "URL",
            description = "A server for the scratch database (default: dev_url of strata.toml, else a throw-away"
                    + " embedded PostgreSQL).")
    String devUrl;

    @Override
    public Integer call() {
        try (Session s = new Session(root, spec)) {
            VerifyReport r = SchemaVerifier.verify(s.workspace(), devUrl);
            if (s.console().json()) {
                s.console().json(r);
            } else {
                print(s, r);
            }
            if (r.blocked()) {
                return ExitCode.FAILURE;
            }
            return r.verified() ? ExitCode.OK : ExitCode.PENDING;
        }
    }

    private static void print(Session s, VerifyReport r) {
        for (Status.PendingRevision p : r.pending()) {
            s.console().line("pending " + p.revision() + ", " + p.message() + " (" + p.file() + ")");
        }
        r.unknownApplied().forEach(id -> s.console().line("unknown " + id + ": applied to the database but not in the"
                + " migrations folder"));
        r.needsRepair().forEach(id -> s.console().line("needs repair " + id + ": applied only in part"));
        r.checksumMismatches().forEach(m -> s.console().line("checksum mismatch " + m.revision() + " (" + m.file()
                + "): changed after it was applied (applied checksum " + m.applied() + ", now " + m.now() + ")"));
        r.schemaDifferences().forEach(d -> s.console().line("schema differs (chain head -> database): " + d));
        if (r.verified()) {
            s.console().line("Verified: the database is at " + String.join(", ", r.current()) + ", "
                    + r.checksumsChecked() + " applied checksum(s) match, and its schema is what the chain's head"
                    + " produces.");
        } else {
            s.console().line("Not verified" + (r.schemaDifferences().isEmpty() ? "" : ": "
                    + r.schemaDifferences().size() + " schema difference(s)") + ".");
            if (!r.schemaDifferences().isEmpty()) {
                s.console().info("the database was changed outside the revisions, or a revision is pending; see"
                        + " `strata diff heads " + s.settings().displayUrl() + "`");
            }
        }
    }
}
