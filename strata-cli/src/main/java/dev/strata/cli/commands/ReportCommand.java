package dev.strata.cli.commands;

import dev.strata.cli.ExitCode;
import dev.strata.cli.Session;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.lint.LintConfig;
import dev.strata.engine.ReportBuilder;
import dev.strata.engine.report.HtmlReport;
import dev.strata.engine.report.MarkdownReport;
import dev.strata.engine.report.MigrationReport;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code strata report}: the migration report as Markdown (a pull-request comment) or a self-contained HTML page. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the migration report: current and pending revisions, the pending ones' SQL and lint"
                + " findings, the schema changes they make, the history table (timings, failures) and the ER diagram.",
                "Markdown by default (ready to post as a pull-request comment; the diagram is a Mermaid block);"
                        + " --html writes one self-contained page (inline CSS and SVG, no scripts, nothing fetched).",
                "The schema changes are computed on scratch databases (--dev-url, else dev_url, else an embedded"
                        + " PostgreSQL). Reads only; exit status 0 whatever the report says.",
                "With --json, the report itself is printed as JSON (docs/json-schema/report.schema.json)."},
        footer = {"", "Examples: strata report -o report.md    strata report --html -o report.html"})
public final class ReportCommand implements Callable<Integer> {
    @ParentCommand
    StrataCommand root;
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Option(names = "--html", description = "A self-contained HTML page instead of Markdown (default when -o ends in .html).")
    boolean html;

    @Option(names = "--history", paramLabel = "N", defaultValue = "50",
            description = "How many of the newest history rows to include (default: ${DEFAULT-VALUE}).")
    int history;

    @Option(names = "--dev-url", paramLabel = "URL", description = "A server for scratch databases (see `strata diff --help`).")
    String devUrl;

    @Override
    public Integer call() {
        if (history < 0) {
            throw new StrataException(ErrorCode.USAGE, "--history is " + history + ": give 0 or more rows");
        }
        try (Session s = new Session(root, spec)) {
            ReportBuilder.Options options = ReportBuilder.Options.defaults()
                    .withLint(LintConfig.read(s.settings().configFile(), s.settings().lockTimeout()))
                    .withDevUrl(devUrl).withHistoryLimit(history);
            MigrationReport report = ReportBuilder.build(s.workspace(), options);
            boolean asHtml = html || output != null
                    && output.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.html?");
            String text = asHtml ? HtmlReport.render(report) : MarkdownReport.render(report);
            if (output != null) {
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
                s.console().info("wrote " + output + " (" + report.pending().size() + " pending revision(s), "
                        + report.lint().failing() + " failing lint finding(s), " + report.history().size()
                        + " history row(s))");
            }
            if (s.console().json()) {
                s.console().json(report);
            } else if (output == null) {
                s.console().raw(text);
            }
            return ExitCode.OK;
        }
    }
}
