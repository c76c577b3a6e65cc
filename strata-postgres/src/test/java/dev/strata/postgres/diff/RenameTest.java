package dev.strata.postgres.diff;

import dev.strata.diff.DiffOptions;
import dev.strata.diff.DiffResult;
import dev.strata.diff.Differ;
import dev.strata.diff.RenameCandidate;
import dev.strata.op.DropColumn;
import dev.strata.op.DropTable;
import dev.strata.op.RenameColumn;
import dev.strata.op.RenameTable;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Renames: detected as candidates, applied only when confirmed, and round-tripped against the server. */
class RenameTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    private static final String BEFORE = """
            CREATE TABLE public.people (id bigint PRIMARY KEY, email text NOT NULL, nick text);
            CREATE UNIQUE INDEX people_email_idx ON public.people (email);
            CREATE TABLE public.posts (id bigint PRIMARY KEY, person_id bigint REFERENCES public.people (id), title text);
            CREATE INDEX posts_title_idx ON public.posts (title);
            INSERT INTO public.people VALUES (1, 'a@x', 'a');
            """;
    private static final String AFTER = """
            CREATE TABLE public.users (id bigint PRIMARY KEY, email text NOT NULL, nick text);
            ALTER TABLE public.users RENAME CONSTRAINT users_pkey TO people_pkey;
            CREATE UNIQUE INDEX people_email_idx ON public.users (email);
            CREATE TABLE public.posts (id bigint PRIMARY KEY, person_id bigint, headline text);
            ALTER TABLE public.posts ADD CONSTRAINT posts_person_id_fkey FOREIGN KEY (person_id) REFERENCES public.users (id);
            CREATE INDEX posts_title_idx ON public.posts (headline);
            """;

    @Test
    void reportsCandidatesWithoutApplyingThem() throws Exception {
        RoundTrip rt = new RoundTrip(db);
        String b = db.createDatabase();
        rt.exec(db.name(), BEFORE);
        rt.exec(b, AFTER);
        DiffResult d = new Differ().diff(rt.inspect(db.name()), rt.inspect(b), DiffOptions.defaults());
        assertThat(d.renameCandidates()).extracting(RenameCandidate::hint)
                .containsExactlyInAnyOrder("public.people=users", "public.posts.title=headline");
        assertThat(d.ops()).hasAtLeastOneElementOfType(DropTable.class).hasAtLeastOneElementOfType(DropColumn.class);
        assertThat(d.destructive()).contains("drop table public.people", "drop column title from public.posts");
    }

    @Test
    void appliesConfirmedRenamesAndReturns() throws Exception {
        DiffOptions options = DiffOptions.defaults()
                .withRenames(Map.of("public.people", "users", "public.posts.title", "headline"));
        DiffResult up = new RoundTrip(db).run(BEFORE, AFTER, options);
        assertThat(up.ops()).hasAtLeastOneElementOfType(RenameTable.class).hasAtLeastOneElementOfType(RenameColumn.class)
                .noneMatch(o -> o instanceof DropTable || o instanceof DropColumn);
        assertThat(up.renameCandidates()).isEmpty();
        assertThat(up.destructive()).isEmpty();
    }
}
