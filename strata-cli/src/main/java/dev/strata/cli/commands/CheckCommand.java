package dev.strata.cli.commands;

import dev.strata.cli.ExitCode;
import dev.strata.cli.Session;
import dev.strata.cli.StrataCommand;
import dev.strata.graph.Revision;
import dev.strata.graph.RevisionGraph;
import dev.strata.graph.RevisionId;
import dev.strata.run.DatabaseState;
import dev.strata.run.MigrationSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code strata check}: exit 3 when the database is not at the head(s). */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check that the database is at the head revision(s).",
                "Exit status 0 when it is, 3 when revisions are pending (they are listed), 1 on failure."})
public final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    StrataCommand root;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Session s = new Session(root, spec)) {
            MigrationSet set = s.migrations();
            DatabaseState state = s.target().readState();
            RevisionGraph g = set.graph();
            Set<RevisionId> applied = g.applied(CurrentCommand.knownHeads(set, state));
            List<Map<String, Object>> pending = new ArrayList<>();
            for (Revision r : g.all()) {
                if (!applied.contains(r.id())) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("revision", r.id().value());
                    m.put("message", r.message());
                    m.put("file", set.script(r.id()).location());
                    pending.add(m);
                }
            }
            List<String> unknown = new ArrayList<>();
            for (RevisionId id : new TreeSet<>(state.heads())) {
                if (!set.contains(id)) {
                    unknown.add(id.value());
                }
            }
            boolean ok = pending.isEmpty() && unknown.isEmpty() && state.partial().isEmpty();
            if (s.console().json()) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("up_to_date", ok);
                doc.put("current", new TreeSet<>(state.heads()).stream().map(RevisionId::value).toList());
                doc.put("heads", g.heads().stream().map(RevisionId::value).toList());
                doc.put("pending", pending);
                doc.put("unknown_applied", unknown);
                doc.put("needs_repair", state.partial().stream().map(p -> p.revision().value()).toList());
                s.console().json(doc);
            } else if (ok) {
                s.console().line("The database is up to date (at " + String.join(", ",
                        new TreeSet<>(state.heads()).stream().map(RevisionId::value).toList()) + ").");
            } else {
                for (Map<String, Object> m : pending) {
                    s.console().line("pending " + m.get("revision") + ", " + m.get("message") + " (" + m.get("file") + ")");
                }
                for (String id : unknown) {
                    s.console().line("unknown " + id + ": applied to the database but not in the migrations folder");
                }
                state.partial().forEach(p -> s.console().line("needs repair " + p.revision()
                        + ": applied only in part (" + p.statementsRun() + " of " + p.statementsTotal() + " statements)"));
                s.console().info(pending.size() + " revision(s) pending; run `strata upgrade heads`.");
            }
            return ok ? ExitCode.OK : ExitCode.PENDING;
        }
    }
}
