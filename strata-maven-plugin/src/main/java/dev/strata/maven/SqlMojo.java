package dev.strata.maven;

import dev.strata.engine.Strata;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * Writes the SQL an upgrade over {@code range} would run to a file, for review or a DBA, without applying it:
 * {@code mvn strata:sql -Dstrata.range=base:head}. A range FROM:TO needs no database; a plain TO starts at the
 * database's current revisions.
 */
@Mojo(name = "sql", requiresProject = true, threadSafe = true)
public class SqlMojo extends StrataMojo {
    /** TO (from the database's current revisions) or FROM:TO, e.g. base:head. */
    @Parameter(property = "strata.range", defaultValue = "base:head")
    String range;

    /** Where the SQL goes. */
    @Parameter(property = "strata.output", defaultValue = "${project.build.directory}/strata/upgrade.sql")
    File output;

    @Override
    void run(Strata strata) throws MojoExecutionException {
        String sql = strata.offlineSql(range);
        try {
            Files.createDirectories(output.toPath().toAbsolutePath().getParent());
            Files.writeString(output.toPath(), sql, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("Strata: cannot write " + output + ": " + e.getMessage(), e);
        }
        getLog().info("Strata: wrote the SQL of " + range + " to " + output);
    }
}
