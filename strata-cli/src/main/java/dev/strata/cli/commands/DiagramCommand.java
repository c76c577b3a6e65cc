package dev.strata.cli.commands;

import dev.strata.cli.ExitCode;
import dev.strata.cli.Session;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.report.FileReports;
import dev.strata.engine.schema.ModelSource;
import dev.strata.engine.schema.Models;
import dev.strata.diagram.ErDiagram;
import dev.strata.diagram.MermaidRenderer;
import dev.strata.diagram.SvgRenderer;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.model.SchemaModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code strata diagram [SOURCE]}: the ER diagram of a database, a revision or a schema folder. */
@Command(name = "diagram", mixinStandardHelpOptions = true,
        description = {"Write the entity-relationship diagram (tables, columns, foreign keys) as Mermaid erDiagram text or SVG.",
                "SOURCE is as for `strata diff` (a database URL, rev:ID/head, or a schema folder); without it, the"
                        + " configured database."},
        footer = {"", "Examples: strata diagram head -o docs/schema.mmd    strata diagram schema/ --format svg -o schema.svg"})
public final class DiagramCommand implements Callable<Integer> {
    /** Output formats. */
    public enum Format { MERMAID, SVG }

    @ParentCommand
    StrataCommand root;
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SOURCE", description = "What to draw (default: the database).")
    String source;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "mermaid or svg (default: svg when -o ends in .svg, else mermaid).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Option(names = "--dev-url", paramLabel = "URL", description = "A server for scratch databases (see `strata diff --help`).")
    String devUrl;

    @Override
    public Integer call() {
        try (Session s = new Session(root, spec)) {
            SchemaModel model = load(s);
            Format f = format != null ? format
                    : output != null && output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg")
                    ? Format.SVG : Format.MERMAID;
            ErDiagram d = ErDiagram.of(model);
            String text = f == Format.SVG ? SvgRenderer.render(d) : MermaidRenderer.render(d);
            if (output == null) {
                if (s.console().json()) {
                    s.console().json(new FileReports.Diagram(f.name().toLowerCase(Locale.ROOT), text));
                } else {
                    s.console().raw(text);
                }
                return ExitCode.OK;
            }
            Path file = s.workingDir().resolve(output).normalize();
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new StrataException(ErrorCode.IO_FAILED, "cannot write " + output + ": " + e.getMessage()
                        + "; check the folder exists and is writable");
            }
            s.console().info("wrote " + output + " (" + d.entities().size() + " tables, " + d.relations().size()
                    + " foreign keys)");
            if (s.console().json()) {
                s.console().json(new FileReports.DiagramFile(output.toString(), f.name().toLowerCase(Locale.ROOT),
                        d.entities().size(), d.relations().size()));
            }
            return ExitCode.OK;
        }
    }

    private SchemaModel load(Session s) {
        if (source == null) {
            return s.workspace().readSchema();
        }
        ModelSource src = ModelSource.parse(source, s.workingDir());
        try (Models models = new Models(s.workspace(), devUrl)) {
            return models.load(src);
        }
    }
}
