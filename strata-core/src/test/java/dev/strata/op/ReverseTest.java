package dev.strata.op;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Reversing a reversible op twice gives it back, for every op kind; irreversible ones say why. */
class ReverseTest {

    @Test
    void everyOpKindHasASample() {
        Set<Class<?>> kinds = new HashSet<>(List.of(Op.class.getPermittedSubclasses()));
        kinds.remove(ExtensionOp.class);
        Set<Class<?>> sampled = new HashSet<>();
        OpSamples.all("t", "c").values().forEach(op -> sampled.add(op.getClass()));
        assertThat(sampled).containsAll(kinds);
    }

    @Test
    void reversingTwiceGivesTheOpBack() {
        for (Map.Entry<String, Op> e : OpSamples.all("t", "c").entrySet()) {
            Op op = e.getValue();
            Reversal once = op.reverse();
            if (op instanceof AddEnumValue) {
                assertThat(once).isInstanceOf(Reversal.Irreversible.class);
                continue;
            }
            if (op instanceof ValidateConstraint) {
                assertThat(((Reversal.Reversible) once).ops()).as("validate undoes nothing").isEmpty();
                continue;
            }
            assertThat(once).as(e.getKey()).isInstanceOf(Reversal.Reversible.class);
            List<Op> inverse = ((Reversal.Reversible) once).ops();
            assertThat(inverse).as(e.getKey()).hasSize(1);
            Reversal twice = inverse.get(0).reverse();
            assertThat(twice).as(e.getKey()).isEqualTo(new Reversal.Reversible(List.of(op)));
        }
    }

    @Test
    void dropsWithoutDefinitionsAreIrreversibleWithAReason() {
        QualifiedName t = QualifiedName.of("t");
        List<Op> drops = List.of(new DropTable(t, null), new DropColumn(t, "c", null),
                new DropIndex(t.sibling("i"), null, null), new DropConstraint(t, "k", null), new DropEnum(t, null),
                new DropSequence(t, null), new DropView(t, null), new DropExtension("x", null),
                new BackfillRows(t, Map.of("c", "1"), null, List.of("id"), 10, null, null),
                new ContractColumnRename(t, "a", ColumnDef.of("b", "text"), List.of()));
        for (Op op : drops) {
            assertThat(op.reverse()).as(op.describe()).isInstanceOf(Reversal.Irreversible.class);
            assertThat(((Reversal.Irreversible) op.reverse()).reason()).isNotBlank();
        }
    }

    @Test
    void aRevisionReversesLastOpFirst() {
        Operations op = new Operations();
        op.createTable("a", t -> t.column("id", "bigint")).addColumn("a", "b", "text").createIndex("i", "a", "b");
        Reversal r = Reversal.ofAll(op.ops());
        List<Op> undo = ((Reversal.Reversible) r).ops();
        assertThat(undo).extracting(o -> o.getClass().getSimpleName())
                .containsExactly("DropIndex", "DropColumn", "DropTable");
        assertThat(((Reversal.Reversible) Reversal.ofAll(undo)).ops()).isEqualTo(op.ops());
    }
}
