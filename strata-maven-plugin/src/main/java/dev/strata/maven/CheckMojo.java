package dev.strata.maven;

import dev.strata.engine.Status;
import dev.strata.engine.Strata;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

import java.util.ArrayList;
import java.util.List;

/**
 * Fails the build unless the database is at the head with nothing pending, failed, changed or drifted (the
 * database compared with what its applied revisions produce, and the desired-state folder when strata.toml has
 * schema_dir; both on scratch databases of devUrl, else an embedded PostgreSQL): {@code mvn strata:check}.
 */
@Mojo(name = "check", requiresProject = true, threadSafe = true)
public class CheckMojo extends StrataMojo {
    @Override
    void run(Strata strata) throws MojoFailureException {
        Status s = strata.check();
        if (s.upToDate()) {
            getLog().info("Strata: up to date at " + s.current());
            return;
        }
        List<String> problems = new ArrayList<>();
        s.pending().forEach(p -> problems.add("pending " + p.revision() + " (" + p.file() + ")"));
        s.needsRepair().forEach(r -> problems.add(r.revision() + " failed part way"));
        s.checksumMismatches().forEach(m -> problems.add(m.revision() + " changed after it was applied"));
        s.unknownApplied().forEach(u -> problems.add("the database has " + u + ", unknown to this project"));
        s.schemaDrift().forEach(d -> problems.add("schema folder: " + d));
        s.databaseDrift().forEach(d -> problems.add("database drift: " + d));
        problems.forEach(p -> getLog().error("Strata: " + p));
        throw new MojoFailureException("Strata: the database is not up to date (" + problems.size()
                + " problem(s), listed above); run strata:upgrade, or fix the drift");
    }
}
