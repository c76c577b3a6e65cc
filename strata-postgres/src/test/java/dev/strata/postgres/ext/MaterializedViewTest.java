package dev.strata.postgres.ext;

import dev.strata.op.CreateIndex;
import dev.strata.op.QualifiedName;
import dev.strata.op.ext.CreateMaterializedView;
import dev.strata.op.ext.CreateRefreshTrigger;
import dev.strata.op.ext.DropRefreshTrigger;
import dev.strata.op.ext.Ltree;
import dev.strata.op.ext.MaterializedViews;
import dev.strata.op.ext.RefreshMaterializedView;
import dev.strata.sql.SqlText;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Seed 001's hierarchy_mv for real: a materialized view over an ltree hierarchy, its unique index, a
 * concurrent refresh (also inside a transaction block), the statement-trigger strategy keeping it fresh
 * after an insert, and the reverses. Run with plain and with hostile names.
 */
class MaterializedViewTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @Test
    void seedHierarchyView() throws Exception {
        check("public", "entities", "hierarchy_mv", "refresh_hierarchy_mv", "entity_hierarchy_refresh");
    }

    @Test
    void hostileNames() throws Exception {
        check("Sch\"ema; x", "Ënt'ities;--", "Hi\"er mv'", "Fn\"; $strata$ '", "Trïg\"; DROP TABLE x");
    }

    private void check(String schema, String table, String view, String function, String trigger) throws Exception {
        try (Connection c = db.connect()) {
            Apply.execute(c, "CREATE EXTENSION IF NOT EXISTS ltree");
            Apply.execute(c, "CREATE SCHEMA IF NOT EXISTS " + SqlText.ident(schema));
            QualifiedName entities = QualifiedName.of(schema, table);
            QualifiedName mv = QualifiedName.of(schema, view);
            Apply.execute(c, "CREATE TABLE " + entities.sql() + " (id integer PRIMARY KEY, name text NOT NULL,"
                    + " path ltree NOT NULL, path_depth integer NOT NULL DEFAULT 0, is_active boolean NOT NULL DEFAULT true)");
            Apply.execute(c, "INSERT INTO " + entities.sql() + " (id, name, path, path_depth) VALUES"
                    + " (1, 'world', 'world', 0), (2, 'europe', 'world.europe', 1), (3, 'france', 'world.europe.fr', 2)");
            String query = "SELECT e.id, e.name, e.path, e.path_depth, nlevel(e.path) AS computed_depth,\n"
                    + "  (SELECT count(*) FROM " + entities.sql() + " d WHERE d.path <@ e.path) AS descendant_count\n"
                    + "FROM " + entities.sql() + " e\nWHERE e.is_active = true";
            CreateMaterializedView create = new CreateMaterializedView(mv, query, true);
            CreateIndex unique = MaterializedViews.uniqueIndex(view + "_id_idx", mv, List.of("id"));
            CreateIndex gist = Ltree.gistIndex(view + "_path_gist_idx", mv, "path");
            Apply.ops(c, create, unique, gist);
            String count = "SELECT descendant_count FROM " + mv.sql() + " WHERE name = 'world'";
            assertThat(Apply.scalar(c, count)).isEqualTo(3);

            // scheduled strategy: the refresh op, concurrently
            Apply.execute(c, "INSERT INTO " + entities.sql() + " (id, name, path, path_depth) VALUES (4, 'paris', 'world.europe.fr.paris', 3)");
            assertThat(Apply.scalar(c, count)).isEqualTo(3);
            Apply.ops(c, new RefreshMaterializedView(mv, true));
            assertThat(Apply.scalar(c, count)).isEqualTo(4);

            // a concurrent refresh is allowed inside a transaction block (unlike CREATE INDEX CONCURRENTLY)
            c.setAutoCommit(false);
            Apply.execute(c, "REFRESH MATERIALIZED VIEW CONCURRENTLY " + mv.sql());
            c.commit();
            c.setAutoCommit(true);

            // trigger strategy: every write statement refreshes it
            CreateRefreshTrigger refresh = new CreateRefreshTrigger(entities, mv, QualifiedName.of(schema, function), trigger, true);
            Apply.ops(c, refresh);
            Apply.execute(c, "INSERT INTO " + entities.sql() + " (id, name, path, path_depth) VALUES (5, 'lyon', 'world.europe.fr.lyon', 3)");
            assertThat(Apply.scalar(c, count)).isEqualTo(5);
            Apply.execute(c, "DELETE FROM " + entities.sql() + " WHERE id IN (4, 5)");
            assertThat(Apply.scalar(c, count)).isEqualTo(3);

            // reverse of the trigger: writes no longer refresh
            Apply.ops(c, new DropRefreshTrigger(refresh));
            Apply.execute(c, "INSERT INTO " + entities.sql() + " (id, name, path, path_depth) VALUES (6, 'asia', 'world.asia', 1)");
            assertThat(Apply.scalar(c, count)).isEqualTo(3);
            assertThat(Apply.scalar(c, "SELECT count(*) FROM pg_proc WHERE proname = " + SqlText.literal(function))).isZero();

            // without a unique index, a concurrent refresh is refused by PostgreSQL
            Apply.reverse(c, unique);
            assertThatThrownBy(() -> Apply.ops(c, new RefreshMaterializedView(mv, true)))
                    .isInstanceOf(SQLException.class).hasMessageContaining("unique index");
            Apply.ops(c, new RefreshMaterializedView(mv, false));
            assertThat(Apply.scalar(c, count)).isEqualTo(4);

            Apply.reverse(c, create, gist);
            assertThat(Apply.scalar(c, "SELECT count(*) FROM pg_matviews WHERE matviewname = " + SqlText.literal(view))).isZero();
        }
    }
}
