package dev.strata.maven;

import dev.strata.engine.Strata;
import dev.strata.engine.lint.LintVerdict;
import dev.strata.lint.Finding;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;

/**
 * Lints the revisions of {@code range} (default every revision, base:head) without a database and fails the
 * build on findings at or above the failing severity ({@code [lint] fail_on} of strata.toml, default error) that
 * are neither suppressed in their revision nor allowed here: {@code mvn strata:lint}.
 */
@Mojo(name = "lint", requiresProject = true, threadSafe = true)
public class LintMojo extends StrataMojo {
    /** The revisions to lint: TO (from base) or FROM:TO. */
    @Parameter(property = "strata.range", defaultValue = "base:head")
    String range;

    /** Rule ids or names that do not fail the build. */
    @Parameter(property = "strata.allow")
    List<String> allow;

    @Override
    void run(Strata strata) throws MojoFailureException {
        LintVerdict v = strata.lintOffline(range, allow == null ? new String[0] : allow.toArray(String[]::new));
        for (Finding f : v.upgradeFindings()) {
            String line = "Strata: " + f.location() + " " + f.severity().label() + " " + f.rule().id() + " "
                    + f.rule().name() + ": " + f.what() + (v.allowed().contains(f.rule().id()) ? " (allowed)" : "");
            if (v.failing().contains(f)) {
                getLog().error(line);
            } else {
                getLog().warn(line);
            }
        }
        if (v.refused()) {
            throw new MojoFailureException("Strata: " + v.failing().size() + " lint finding(s) at or above "
                    + v.failOn().label() + " (" + String.join(", ", v.failingRules()) + "), listed above; fix them,"
                    + " suppress one in its revision with '-- strata:allow RULE reason', or add the rule to <allow>");
        }
        getLog().info("Strata: lint passed (" + v.upgradeFindings().size() + " finding(s) below "
                + v.failOn().label() + " or allowed)");
    }
}
