package dev.strata.cli.commands;

import dev.strata.cli.Session;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.RevisionFiles;
import dev.strata.engine.config.ConfigTemplate;
import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;

/** {@code strata init [DIR]}: a new project. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create a Strata project in DIR (default: the working directory).",
                "It writes strata.toml, the migrations/ folder with its revision template (migrations/.template.sql), and .strata/ in .gitignore."})
public final class InitCommand implements Callable<Integer> {
    static final String TEMPLATE_TEXT = """
            -- strata:upgrade


            -- strata:downgrade

            """;

    @ParentCommand
    StrataCommand root;
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Project folder (created if missing).")
    Path dir;

    @Override
    public Integer call() {
        try (Session s = new Session(root, spec)) {
            Path project = (dir == null ? s.workingDir() : s.workingDir().resolve(dir)).normalize();
            Path config = project.resolve("strata.toml");
            Path migrations = project.resolve("migrations");
            if (Files.exists(config)) {
                throw new StrataException(ErrorCode.FILE_EXISTS, config + " already exists: this folder is already a"
                        + " Strata project; edit it, or run init in another folder");
            }
            try {
                Files.createDirectories(migrations);
                Files.writeString(config, ConfigTemplate.text(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
                Path template = migrations.resolve(RevisionFiles.TEMPLATE);
                if (!Files.exists(template)) {
                    Files.writeString(template, TEMPLATE_TEXT, StandardCharsets.UTF_8);
                }
                Path gitignore = project.resolve(".gitignore");
                String existing = Files.exists(gitignore) ? Files.readString(gitignore, StandardCharsets.UTF_8) : "";
                if (existing.lines().noneMatch(l -> l.strip().equals(".strata/") || l.strip().equals(".strata"))) {
                    String add = (existing.isEmpty() || existing.endsWith("\n") ? "" : "\n")
                            + "# Strata's embedded PostgreSQL data\n.strata/\n";
                    Files.writeString(gitignore, add, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                }
            } catch (IOException e) {
                throw new StrataException(ErrorCode.IO_FAILED, "cannot create the project in " + project + ": "
                        + e.getMessage() + "; check the folder's permissions");
            }
            s.console().info("Created " + s.workingDir().relativize(config) + " and "
                    + s.workingDir().relativize(migrations) + "/.");
            s.console().info("Next: `strata revision -m \"create first table\"`, fill it in, then `strata upgrade head`.");
            return 0;
        }
    }
}
