package dev.strata.diff;

import dev.strata.model.Column;
import dev.strata.model.EnumType;
import dev.strata.model.ForeignKey;
import dev.strata.model.MatchType;
import dev.strata.model.ObjectName;
import dev.strata.model.PrimaryKey;
import dev.strata.model.ReferentialAction;
import dev.strata.model.SchemaModel;
import dev.strata.model.Table;
import dev.strata.model.View;
import dev.strata.op.AddEnumValue;
import dev.strata.op.CreateTable;
import dev.strata.op.CreateView;
import dev.strata.op.DropConstraint;
import dev.strata.op.DropTable;
import dev.strata.op.Op;
import dev.strata.op.RenameTable;
import dev.strata.error.StrataException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The differ on in-memory models: order, enums, renames, options. */
class DifferTest {
    private final Differ differ = new Differ();

    private static ObjectName n(String name) {
        return ObjectName.of("public", name);
    }

    private static Table table(String name, List<Column> columns, boolean pk, ForeignKey... fks) {
        List<dev.strata.model.Constraint> cs = new java.util.ArrayList<>(List.of(fks));
        if (pk) {
            cs.add(new PrimaryKey(name + "_pkey", List.of("id"), "PRIMARY KEY (id)", false, false, false, null));
        }
        return Table.of(n(name), columns).withConstraints(cs);
    }

    private static ForeignKey fk(String name, String column, String target) {
        return new ForeignKey(name, List.of(column), n(target), List.of("id"), ReferentialAction.NO_ACTION,
                ReferentialAction.NO_ACTION, MatchType.SIMPLE, "FOREIGN KEY (" + column + ") REFERENCES public." + target + "(id)",
                true, false, false, false, null);
    }

    private final SchemaModel twoTables = SchemaModel.builder().tables(List.of(
            table("a", List.of(Column.of("id", "bigint").withNotNull(true), Column.of("b_id", "bigint")), true,
                    fk("a_b_fk", "b_id", "b")),
            table("b", List.of(Column.of("id", "bigint").withNotNull(true)), true))).build();

    @Test
    void createsTablesBeforeKeysBeforeForeignKeysAndDropsInReverse() {
        List<Op> up = differ.diff(SchemaModel.empty(), twoTables, DiffOptions.defaults()).ops();
        assertThat(up).extracting(Op::describe).containsExactly("create table public.a", "create table public.b",
                "add primary key constraint a_pkey to public.a", "add primary key constraint b_pkey to public.b",
                "add foreign key constraint a_b_fk to public.a");
        DiffResult down = differ.diff(twoTables, SchemaModel.empty(), DiffOptions.defaults());
        assertThat(down.ops().get(0)).isInstanceOf(DropConstraint.class);
        assertThat(down.ops().subList(1, 3)).allMatch(DropTable.class::isInstance);
        assertThat(down.destructive()).containsExactly("drop table public.a", "drop table public.b");
        assertThat(differ.diff(twoTables, twoTables, DiffOptions.defaults()).isEmpty()).isTrue();
    }

    @Test
    void destructiveOpsAreLeftOutAndReportedWhenNotAllowed() {
        DiffResult d = differ.diff(twoTables, SchemaModel.empty(), DiffOptions.defaults().withAllowDestructive(false));
        assertThat(d.ops()).noneMatch(DropTable.class::isInstance);
        assertThat(d.unsupported()).contains("not done, destructive: drop table public.a");
    }

    @Test
    void addsEnumLabelsInPlaceAndMakesTheTypeAgainForRemovals() {
        SchemaModel a = SchemaModel.builder().enums(List.of(new EnumType(n("s"), List.of("b", "d"), null))).build();
        SchemaModel b = SchemaModel.builder().enums(List.of(new EnumType(n("s"), List.of("a", "b", "c", "d", "e"), null))).build();
        List<Op> ops = differ.diff(a, b, DiffOptions.defaults()).ops();
        assertThat(ops).containsExactly(
                new AddEnumValue(dev.strata.op.QualifiedName.of("s"), "a", true, "b", false),
                new AddEnumValue(dev.strata.op.QualifiedName.of("s"), "c", false, "b", false),
                new AddEnumValue(dev.strata.op.QualifiedName.of("s"), "e", false, "d", false));
        DiffResult back = differ.diff(b, a, DiffOptions.defaults());
        assertThat(back.unsupported()).isEmpty();
        assertThat(back.ops()).contains(new dev.strata.op.CreateEnum(dev.strata.op.QualifiedName.of("s"), List.of("b", "d")));
        // a view naming the type keeps it alive: then it is reported, not done
        SchemaModel withView = SchemaModel.builder().enums(b.enums().values().stream().toList())
                .views(List.of(new View(n("v"), " SELECT 'a'::public.s AS x;", List.of(), null))).build();
        SchemaModel target = SchemaModel.builder().enums(a.enums().values().stream().toList())
                .views(withView.views().values().stream().toList()).build();
        assertThat(differ.diff(withView, target, DiffOptions.defaults()).unsupported()).singleElement().asString()
                .contains("view public.v uses it");
    }

    @Test
    void aMaterializedViewsDataIsStateNotSchema() {
        // WITH DATA versus WITH NO DATA (or not refreshed since) is no difference: check --drift must not report it
        SchemaModel noData = SchemaModel.builder().materializedViews(List.of(new dev.strata.model.MaterializedView(
                n("totals"), " SELECT 1 AS one;", false, List.of(), null))).build();
        SchemaModel withData = SchemaModel.builder().materializedViews(List.of(new dev.strata.model.MaterializedView(
                n("totals"), " SELECT 1 AS one;", true, List.of(), null))).build();
        assertThat(differ.diff(noData, withData, DiffOptions.defaults()).ops()).isEmpty();
        assertThat(differ.diff(withData, noData, DiffOptions.defaults()).ops()).isEmpty();
        // a new one is still created as the target has it
        assertThat(differ.diff(SchemaModel.empty(), noData, DiffOptions.defaults()).ops()).singleElement()
                .asString().contains("WITH NO DATA");
    }

    @Test
    void ordersViewsByTheirReferences() {
        SchemaModel m = SchemaModel.builder().views(List.of(
                new View(n("a_top"), " SELECT x FROM public.z_mid;", List.of(), null),
                new View(n("z_mid"), " SELECT x FROM public.m_base;", List.of(), null),
                new View(n("m_base"), " SELECT 1 AS x;", List.of(), null))).build();
        List<Op> ops = differ.diff(SchemaModel.empty(), m, DiffOptions.defaults()).ops();
        assertThat(ops).extracting(o -> ((CreateView) o).view().name()).containsExactly("m_base", "z_mid", "a_top");
        assertThat(((CreateView) ops.get(0)).query()).isEqualTo("SELECT 1 AS x");
    }

    @Test
    void renamesOnlyWhenConfirmed() {
        SchemaModel renamed = SchemaModel.builder().tables(List.of(
                table("c", List.of(Column.of("id", "bigint").withNotNull(true), Column.of("b_id", "bigint")), true,
                        fk("a_b_fk", "b_id", "b")).withConstraints(twoTables.tables().get(n("a")).constraints()),
                twoTables.tables().get(n("b")))).build();
        DiffResult guess = differ.diff(twoTables, renamed, DiffOptions.defaults());
        assertThat(guess.renameCandidates()).extracting(RenameCandidate::hint).containsExactly("public.a=c");
        assertThat(guess.ops()).hasAtLeastOneElementOfType(DropTable.class).hasAtLeastOneElementOfType(CreateTable.class);

        DiffResult confirmed = differ.diff(twoTables, renamed, DiffOptions.defaults().withRenames(Map.of("public.a", "c")));
        assertThat(confirmed.ops()).containsExactly(new RenameTable(dev.strata.op.QualifiedName.of("a"), "c"));
        assertThat(confirmed.renameCandidates()).isEmpty();

        assertThatThrownBy(() -> differ.diff(twoTables, renamed, DiffOptions.defaults().withRenames(Map.of("public.x", "c"))))
                .isInstanceOf(StrataException.class).hasMessageContaining("rename public.x=c");
    }

    @Test
    void leavesOutExcludedSchemas() {
        SchemaModel other = SchemaModel.builder().tables(List.of(Table.of(ObjectName.of("audit", "log"),
                List.of(Column.of("id", "bigint"))))).build();
        assertThat(differ.diff(SchemaModel.empty(), other, DiffOptions.defaults().withExcludeSchemas(java.util.Set.of("audit")))
                .isEmpty()).isTrue();
        assertThat(differ.diff(SchemaModel.empty(), other, DiffOptions.defaults().withIncludeSchemas(java.util.Set.of("public")))
                .isEmpty()).isTrue();
    }

    @Test
    void keyedDiffSplitsFourWays() {
        KeyedDiff<String, Integer> d = KeyedDiff.of(Map.of("a", 1, "b", 2, "c", 3), Map.of("b", 2, "c", 4, "d", 5));
        assertThat(d.added()).containsOnlyKeys("d");
        assertThat(d.removed()).containsOnlyKeys("a");
        assertThat(d.changed()).containsEntry("c", new KeyedDiff.Change<>(3, 4));
        assertThat(d.unchanged()).containsOnlyKeys("b");
    }

    @Test
    void typeChangesAskForUsingOnlyWithoutAnAssignmentCast() {
        assertThat(Casts.needsUsing("character varying(10)", "text")).isFalse();
        assertThat(Casts.needsUsing("integer", "numeric(10,2)")).isFalse();
        assertThat(Casts.needsUsing("integer", "text")).isFalse();
        assertThat(Casts.needsUsing("text", "integer")).isTrue();
        assertThat(Casts.needsUsing("text", "public.status")).isTrue();
    }
}
