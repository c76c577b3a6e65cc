package dev.strata.op;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.plan.Hazard;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Decisions the renderer makes: which type changes rewrite, which defaults are volatile, refusals. */
class OnlineFormsTest {

    @Test
    void binaryCompatibleTypeChanges() {
        assertThat(TypeChange.isBinaryCompatible("varchar(20)", "varchar(40)")).isTrue();
        assertThat(TypeChange.isBinaryCompatible("character varying(20)", "text")).isTrue();
        assertThat(TypeChange.isBinaryCompatible("text", "varchar")).isTrue();
        assertThat(TypeChange.isBinaryCompatible("numeric(10,2)", "numeric(12,2)")).isTrue();
        assertThat(TypeChange.isBinaryCompatible("numeric(10,2)", "numeric")).isTrue();
        assertThat(TypeChange.isBinaryCompatible("cidr", "inet")).isTrue();
        assertThat(TypeChange.isBinaryCompatible("timestamp(3)", "timestamp(6)")).isTrue();
        assertThat(TypeChange.isBinaryCompatible("varchar(40)", "varchar(20)")).isFalse();
        assertThat(TypeChange.isBinaryCompatible("text", "varchar(20)")).isFalse();
        assertThat(TypeChange.isBinaryCompatible("numeric(10,2)", "numeric(12,3)")).isFalse();
        assertThat(TypeChange.isBinaryCompatible("integer", "bigint")).isFalse();
        assertThat(TypeChange.isBinaryCompatible("timestamp", "timestamptz")).isFalse();
    }

    @Test
    void volatileDefaults() {
        assertThat(Volatility.isVolatile("'active'")).isFalse();
        assertThat(Volatility.isVolatile("now()")).isFalse();
        assertThat(Volatility.isVolatile("'{}'::jsonb")).isFalse();
        assertThat(Volatility.isVolatile("'0'::numeric(10,2)")).isFalse();
        assertThat(Volatility.isVolatile("'random()'")).isFalse();
        assertThat(Volatility.isVolatile("random()")).isTrue();
        assertThat(Volatility.isVolatile("gen_random_uuid()")).isTrue();
        assertThat(Volatility.isVolatile("clock_timestamp()")).isTrue();
        assertThat(Volatility.isVolatile("nextval('s'::regclass)")).isTrue();
        assertThat(Volatility.isVolatile("my_func()")).isTrue();
    }

    @Test
    void notNullWithoutDefaultOnAnExistingTableIsRefused() {
        Operations op = new Operations().addColumn("t", "c", "text", c -> c.notNull());
        assertThatThrownBy(() -> Renderer.render(op.ops()))
                .isInstanceOfSatisfying(StrataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OP_INVALID))
                .hasMessageContaining("add column c to public.t").hasMessageNotContaining("\n");
    }

    @Test
    void freshTablesGetPlainFormsInsideTheTransaction() {
        Operations op = new Operations();
        op.createTable("t", t -> t.column("id", "bigint").primaryKey("id"))
                .addColumn("t", "c", "text", c -> c.notNull())
                .createIndex("i", "t", "c")
                .createCheckConstraint("k", "t", "c <> ''");
        List<Statement> out = Renderer.render(op.ops());
        assertThat(out).allSatisfy(s -> {
            assertThat(s.tx()).isEqualTo(Tx.IN_TRANSACTION);
            assertThat(s.hazards()).isEmpty();
        });
        assertThat(out.get(2).sql()).doesNotContain("CONCURRENTLY");
    }

    @Test
    void onlineIndexRunsOutsideTransactions() {
        List<Statement> out = Renderer.render(new Operations().createIndex("i", "t", "c").ops());
        assertThat(out).singleElement().satisfies(s -> {
            assertThat(s.tx()).isEqualTo(Tx.NO_TRANSACTION);
            assertThat(s.sql()).startsWith("CREATE INDEX CONCURRENTLY ");
            assertThat(s.hazards()).contains(Hazard.INDEX_BUILD, Hazard.NON_TRANSACTIONAL);
        });
    }

    @Test
    void expandContractNeedsAKey() {
        Op op = new AlterColumn(QualifiedName.of("t"), ColumnDef.of("c", "integer"), ColumnDef.of("c", "bigint"),
                null, null, List.of(), Mode.ONLINE);
        assertThatThrownBy(() -> Renderer.render(op)).isInstanceOf(StrataException.class).hasMessageContaining("key");
    }
}
