package dev.strata.postgres.diff;

import dev.strata.testkit.GeneratedSchema;
import dev.strata.diff.DiffOptions;
import dev.strata.diff.DiffResult;
import dev.strata.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** A generated schema of 300 tables with every object kind: created from nothing and back, and changed and back. */
class LargeSchemaTest {
    @RegisterExtension
    static TestDatabase db = new TestDatabase();

    @Test
    void createsAndDropsAGeneratedSchema() throws Exception {
        DiffResult up = new RoundTrip(db).run("SELECT 1", GeneratedSchema.sql(300, 0), DiffOptions.defaults());
        assertThat(up.ops().size()).isGreaterThan(300 * 5);
    }

    @Test
    void changesAGeneratedSchema() throws Exception {
        DiffResult up = new RoundTrip(db).run(GeneratedSchema.sql(300, 0), GeneratedSchema.sql(300, 1),
                DiffOptions.defaults(), "which PostgreSQL cannot do in place, and the type cannot be made again automatically");
        assertThat(up.ops()).isNotEmpty();
    }
}
