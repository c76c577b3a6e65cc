package dev.strata.lint;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/lint.md is generated from the rule metadata and the fixtures (bad_1 as the example, good_1 as the safe
 * form), so the page cannot drift from the code. {@code -Dgolden.update=true} rewrites it.
 */
class LintDocsTest {
    private static final Path DOC = Path.of("../docs/lint.md");

    @Test
    void docsPageMatchesTheRules() throws IOException {
        String actual = render();
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(DOC).as("docs/lint.md; create it with -Dgolden.update=true").exists();
        assertThat(actual).isEqualTo(Files.readString(DOC, StandardCharsets.UTF_8));
    }

    static String render() throws IOException {
        StringBuilder b = new StringBuilder();
        List<RuleInfo> rules = RuleSet.infos();
        b.append("# Lint rules\n\n");
        b.append("`strata lint` (and `strata upgrade`, before it runs anything) checks every statement of a revision, "
                + "DO blocks included, with the rules below. Each finding names the rule, the file and line, the lock "
                + "the statement takes and on which table, whether it rewrites or scans the table, destroys data or "
                + "breaks running clients, why that matters, and the safe alternative. Rules know how Strata runs the "
                + "revision: its transaction mode (`-- strata:transactional false`), Strata's own `lock_timeout` and "
                + "retries, and the tables the revision itself created (those hold no data yet, so the rules about "
                + "existing data skip them).\n\n");
        b.append("Configure in `strata.toml`:\n\n```toml\n[lint]\nfail_on = \"error\"      # info | warning | error: "
                + "findings at or above it make `strata lint` exit 4\n[lint.rules]\nSA001 = \"warning\"       # off | info"
                + " | warning | error (a rule's id or its name)\nSA077 = \"warning\"       # opt-in rules are off until "
                + "given a severity\n```\n\n");
        b.append("Suppress one finding in the revision file, on the line(s) right before the statement, with a reason:\n\n"
                + "```sql\n-- strata:allow SA001 lookup table of 12 rows, rebuilt nightly\nCREATE INDEX countries_code ON "
                + "countries (code);\n```\n\nA suppression without a reason, naming no known rule, or suppressing "
                + "nothing is itself a finding (SA900, SA901). Suppressions are listed in the report. A suppression "
                + "line is part of the revision's text, so adding one to an applied revision changes its checksum: "
                + "suppress before the revision is applied.\n\n");
        b.append("## Observed analysis\n\n`strata lint` observes by default, whenever a scratch database can be "
                + "had, by the same rule as `diff`, `check` and autogenerate: on the server of `--dev-url` or "
                + "`dev_url` when one is configured, else on a throw-away embedded PostgreSQL started for the "
                + "command. `--static` (or `--no-observe`) lints without it, and `[lint] observe = \"off\"` makes "
                + "static the default (`--observe` still turns it on). One line on standard error (and `mode` in "
                + "`--json`) says which mode ran and why: `lint: observed on a scratch database on the dev_url "
                + "server`, `lint: observed on a throw-away embedded PostgreSQL (no dev URL configured)`, `lint: "
                + "static only: --static`, or `lint: static only: the observation could not run (...)` when no "
                + "scratch database can be made (no server, no embedded PostgreSQL) or the chain does not replay; "
                + "that fallback keeps offline linting working, while an explicit `--observe` turns the same "
                + "failure into an error. The upgrade gate stays static (it must be fast); `[lint] "
                + "upgrade_observe = true` makes it observe too.\n\nObservation replays the chain on one scratch "
                + "database. Revisions before the linted ones are applied as they are; before each linted "
                + "revision every empty table gets three sample rows (generated to fit the column types, foreign "
                + "keys pointing at existing parent rows, defaults and identities left to the database), or rows "
                + "copied from `--sample-from URL`. Then each upgrade statement runs in a transaction of its own "
                + "and, before the commit, Strata reads what it did:\n\n- the locks its backend holds (`pg_locks` "
                + "for its own pid: mode and table; a TimescaleDB chunk counts as its hypertable); in a "
                + "transactional revision, the locks of earlier statements that the real run would still hold;\n- "
                + "whether a table was rewritten (its `relfilenode` changed; TRUNCATE does not count);\n- whether "
                + "an index was left INVALID (`pg_index.indisvalid`);\n- the relations created and dropped, and "
                + "any error;\n- the schema change: the scratch database is read with the same inspector as "
                + "autogenerate after the statement and diffed with the schema before it, so the change is listed "
                + "as the differ's ops (`add column note to public.items`, `create index ...`, "
                + "`create_hypertable`, `set_compression`, pgvector index builds; a difference the differ has no "
                + "op for is listed as `not_expressed`). Statements that cannot change the schema are not read: "
                + "DML, `VACUUM`, `ANALYZE`, `REINDEX`, `REFRESH`, a failed statement, and a `SELECT` or `DO` "
                + "whose transaction wrote nothing (no xid). A read goes back only to the relations the statement "
                + "locked (it locks every relation it creates, drops or alters until the commit) and to what prints "
                + "their names (a view on them, another table's foreign key to them, a default using a renamed "
                + "sequence), with the catalog queries filtered by their oids, and takes the rest from the previous "
                + "read: about ten catalog queries whatever the size of the schema, sent together in one round "
                + "trip. The whole database is read after a statement run in autocommit, and when a schema, "
                + "extension, type, enum label or function "
                + "was renamed or dropped. Every statement's change is read by default (`[lint] observe_changes = "
                + "true`; on the 200-revision benchmark that is 320 reads, and observing took 1.87 to 2.20 times "
                + "the cost of applying the revisions in four runs, three of them within 2, against 1.22 to 1.56 "
                + "without them); `false` never reads "
                + "(every observation then has `changes_seen` false); `\"auto\"`, which once stopped above 100 "
                + "statements, is read as `true`.\n\nThe statement, the `pg_locks` read, the re-read of the "
                + "relations it holds a lock on (a statement that creates, drops, rewrites or invalidates a "
                + "relation locks it until the commit) and the commit go to the server in one round trip (the "
                + "probes, and the sample rows' catalog queries, are prepared once on the scratch session instead "
                + "of being planned with every statement); the scratch database commits without waiting for the "
                + "WAL flush (`synchronous_commit = off`: it is thrown away). A relations-only schema read is merged "
                + "into the previous model, and every read diffed, on a second thread while the next statements "
                + "run.\n\nStatements PostgreSQL runs only outside a transaction (`CONCURRENTLY`, "
                + "`VACUUM`) run in autocommit and are judged by relfilenode and pg_index alone. Each finding "
                + "whose rule claims a lock or a rewrite is then **confirmed** (the database took that lock / "
                + "rewrote the table) or **contradicted** (with what was seen: the observation wins); text, "
                + "`--json` (`observation`, `observed`, and the per-statement `observations`), SARIF "
                + "(`properties.observation`) and GitHub annotations show it. The schema change shows as a "
                + "`changed:` line under each finding of the statement, in `--json` as `changes` (`op`, `text`) "
                + "and `changes_seen` per statement, and in SARIF as `properties.schemaChanges`; `--verbose` "
                + "lists every observed statement with what it did and changed. What was seen and no rule "
                + "predicted becomes a finding of its own: SA950 (a lock that blocks writes on an existing "
                + "table), SA951 (a rewrite), SA952 (an INVALID index), SA953 (the statement failed on the parent "
                + "revision's schema). TimescaleDB and pgvector DDL is observed the same way. Every rule that "
                + "claims a lock or a rewrite has its fixtures replayed this way in strata-engine's "
                + "ObservedFixturesTest; disagreements found there became rule fixes (VACUUM in a transactional "
                + "revision, the lock an FK add holds during VALIDATE, the rewrite of REFRESH MATERIALIZED "
                + "VIEW).\n\nA `CREATE EXTENSION` the scratch server cannot run (TimescaleDB or pgvector on the "
                + "embedded PostgreSQL) says nothing about the revision: the observation stops there and `lint` "
                + "reports the static findings, with the mode line naming the extension; pass `--dev-url` with a "
                + "server that has it.\n\n```toml\n[lint]\n"
                + "observe = \"auto\"          # auto (default): observe when a "
                + "scratch database can be had; off: static unless --observe\nobserve_changes = true    # schema "
                + "read after each statement that may change it (default); false: never"
                + "\nupgrade_observe = false   # true: the upgrade gate observes too (slower)\n```\n\n");
        b.append("## Size-aware severity\n\n"
                + "When a database URL is configured and reachable, findings on tables that exist there carry the "
                + "table's row estimate and size (`pg_class.reltuples` and `pg_total_relation_size`, summed over "
                + "partitions and hypertable chunks; a table never analyzed is counted, up to a million and one "
                + "rows). Findings whose cost grows with the table (a lock that blocks writes or reads, a rewrite, "
                + "a full scan, an index build; not data loss or broken clients) then start one level below their "
                + "rule's severity and rise one level above `rows_plus_one` rows and two above `rows_plus_two`, up "
                + "to error. With the defaults (after pgfence: 10,000 and 1,000,000) SA001 on a 50-row table is a "
                + "warning (CI passes with `fail_on = \"error\"`) and an error on 10M rows; a warning rule is info, "
                + "warning, then error. `upgrade` applies it in its lint gate too.\n\n"
                + "```toml\n[lint]\nsize_aware = true         # false: severities stay as the rules say\n"
                + "rows_plus_one = 10000\nrows_plus_two = 1000000\n```\n\n");
        b.append("## Rules\n\n| id | name | default | what |\n|---|---|---|---|\n");
        for (RuleInfo r : rules) {
            b.append("| [").append(r.id()).append("](#").append(r.anchor()).append(") | `").append(r.name())
                    .append("` | ").append(r.optIn() ? "off (opt-in)" : r.severity().label()).append(" | ")
                    .append(r.title().replace("|", "\\|")).append(" |\n");
        }
        b.append("\n## squawk rules and their Strata rules\n\n"
                + "Every rule of squawk's registry (squawk-linter `Rule`, plus rules added in its later releases) "
                + "maps to a Strata rule:\n\n| squawk | Strata |\n|---|---|\n");
        Map<String, List<String>> squawk = new TreeMap<>();
        for (RuleInfo r : rules) {
            for (String s : r.squawk()) {
                squawk.computeIfAbsent(s, k -> new ArrayList<>()).add(r.id());
            }
        }
        squawk.forEach((s, ids) -> b.append("| `").append(s).append("` | ").append(String.join(", ", ids)).append(" |\n"));
        for (RuleInfo r : rules) {
            b.append("\n<a id=\"").append(r.anchor()).append("\"></a>\n## ").append(r.id()).append(" ")
                    .append(r.name()).append("\n\n");
            b.append("Default severity: ").append(r.optIn() ? "off (opt-in)" : r.severity().label());
            if (!r.squawk().isEmpty()) {
                b.append(". squawk: ").append(String.join(", ", r.squawk().stream().map(s -> "`" + s + "`").toList()));
            }
            b.append(".\n\n**What:** ").append(r.title()).append(".\n\n**Why:** ").append(r.why()).append("\n\n");
            b.append("**Instead:** ").append(r.fix()).append("\n\n");
            if (!r.strataWay().isEmpty()) {
                b.append("**In Strata:** ").append(r.strataWay()).append("\n\n");
            }
            Path dir = LintFixtures.DIR.resolve(r.id());
            b.append("Flagged:\n\n```sql\n").append(example(dir.resolve("bad_1.sql"))).append("```\n\n");
            String finding = Files.readString(dir.resolve("bad_1.findings"), StandardCharsets.UTF_8);
            b.append("```\n").append(finding).append("```\n\n");
            b.append("Not flagged:\n\n```sql\n").append(example(dir.resolve("good_1.sql"))).append("```\n");
        }
        return b.toString();
    }

    private static String example(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (!text.startsWith("-- strata:revision")) {
            text = "-- strata:revision fixture\n-- strata:upgrade\n" + text.stripTrailing() + "\n-- strata:downgrade\n";
        }
        return text.replace("\n-- fixture:next\n", "\n-- (next revision)\n");
    }
}
