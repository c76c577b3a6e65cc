package dev.strata.cli.commands;

import dev.strata.cli.Session;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.adopt.ImportFormat;
import dev.strata.engine.adopt.Importer;
import dev.strata.engine.report.AdoptReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code strata import DIR}: another tool's migrations as Strata revisions. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Turn a folder of existing migrations into Strata SQL revisions in the (empty) migrations folder:"
                + " in order, each with its parent, its downgrade when the source has one (else irreversible:"
                + " \"imported without a downgrade\"), and an id derived from the source version.",
                "Formats: sql (loose NNN_name.sql files; NAME_ROLLBACK.sql and rollback/NNN_*.sql are paired as"
                        + " downgrades), flyway (V<version>__desc.sql, U undo files, R__ repeatables), golang-migrate"
                        + " (<version>_<title>.up.sql / .down.sql), dbmate (-- migrate:up / -- migrate:down), alembic"
                        + " (a project with alembic.ini: the graph is read from versions/*.py, the SQL is rendered by"
                        + " the project's Alembic in offline mode with --python).",
                "Every guess (order of duplicate prefixes, pairings, skipped files) is listed; nothing is written when"
                        + " anything is wrong."},
        footer = {"", "--stamp-at REV records a live database as being at an imported revision (nothing runs);"
                + " --stamp-at auto reads where it is from its alembic_version or flyway_schema_history table."})
public final class ImportCommand implements Callable<Integer> {
    @ParentCommand
    StrataCommand root;
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The folder of migrations to import (for Alembic: the"
            + " folder of alembic.ini, its script folder, or versions/).")
    Path source;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "auto (default), sql, flyway, golang-migrate, dbmate or alembic.")
    String format;

    @Option(names = "--stamp-at", paramLabel = "REV",
            description = "After writing, stamp the database at this imported revision (its Strata id or source"
                    + " version, comma-separated for several heads), or auto: the one its alembic_version or"
                    + " flyway_schema_history names.")
    String stampAt;

    @Option(names = "--python", paramLabel = "PATH", defaultValue = "python3",
            description = "The Python that runs the project's Alembic (default python3; e.g. .venv/bin/python).")
    String python;

    @Override
    public Integer call() {
        try (Session s = new Session(root, spec)) {
            Importer.Result r = Importer.run(s.workspace(), new Importer.Request(s.workingDir().resolve(source),
                    ImportFormat.parse(format), python, stampAt));
            AdoptReports.Imported doc = AdoptReports.Imported.of(r, s.workingDir());
            if (s.console().json()) {
                s.console().json(doc);
                return 0;
            }
            s.console().line("Imported " + r.revisions().size() + " revision(s) (" + r.format().word() + "):");
            int width = doc.revisions().stream().mapToInt(f -> f.revision().length()).max().orElse(0);
            for (AdoptReports.ImportedFile f : doc.revisions()) {
                s.console().line("  " + String.format("%-" + width + "s", f.revision()) + "  " + f.file() + "  <- "
                        + String.join(" + ", f.sources()) + (f.irreversible() == null ? "" : "  (irreversible)"));
            }
            if (!r.notes().isEmpty()) {
                s.console().line("Review (" + r.notes().size() + "):");
                r.notes().forEach(n -> s.console().line("  - " + n));
            }
            if (!r.stampedAt().isEmpty()) {
                s.console().line("Stamped the database at " + String.join(", ", r.stampedAt()) + " (from "
                        + r.stampFrom() + "); nothing was run.");
            }
            return 0;
        }
    }
}
