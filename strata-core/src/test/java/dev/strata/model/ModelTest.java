package dev.strata.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelTest {
    @Test
    void objectNamesPrintParseQuoteAndSort() {
        assertThat(ObjectName.parse("public.orders")).isEqualTo(new ObjectName("public", "orders"));
        assertThat(ObjectName.parse("public.a.b")).isEqualTo(new ObjectName("public", "a.b"));
        ObjectName dotted = new ObjectName("my.\"schema", "t");
        assertThat(dotted.toString()).isEqualTo("\"my.\"\"schema\".t");
        assertThat(ObjectName.parse(dotted.toString())).isEqualTo(dotted);
        assertThat(new ObjectName("public", "Order").quoted()).isEqualTo("public.\"Order\"");
        assertThat(new ObjectName("app", "user").quoted()).isEqualTo("app.\"user\"");
        assertThat(new ObjectName("app", "line_items2").quoted()).isEqualTo("app.line_items2");
        assertThat(List.of(new ObjectName("b", "a"), new ObjectName("a", "z"), new ObjectName("a", "b")).stream().sorted())
                .containsExactly(new ObjectName("a", "b"), new ObjectName("a", "z"), new ObjectName("b", "a"));
        assertThatThrownBy(() -> ObjectName.parse("nodot")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ObjectName("", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordsCopyTheirCollectionsAndValidate() {
        List<Column> columns = new ArrayList<>(List.of(Column.of("a", "integer")));
        Table t = Table.of(new ObjectName("s", "t"), columns);
        columns.add(Column.of("b", "text"));
        assertThat(t.columns()).hasSize(1);
        assertThatThrownBy(() -> t.columns().add(Column.of("c", "text"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Table.of(new ObjectName("s", "t"), List.of(Column.of("a", "int"), Column.of("a", "int"))))
                .hasMessageContaining("two columns named a");
        assertThatThrownBy(() -> new Column("a", "int", false, "1", null, "2", null, false, null))
                .hasMessageContaining("more than one of default, identity, generated");
        assertThatThrownBy(() -> new Unique("u", List.of("a"), "UNIQUE (a)", false, true, false, null))
                .hasMessageContaining("initially deferred but not deferrable");
        assertThatThrownBy(() -> new Index(new ObjectName("a", "i"), new ObjectName("b", "t"), false, "btree",
                List.of(IndexKey.of("x")), List.of(), null, "CREATE INDEX", true, null, null, null))
                .hasMessageContaining("must be in the schema of its table");
    }

    @Test
    void modelMapsAreSortedAndKeyedByName() {
        SchemaModel m = ModelJsonTest.everything();
        assertThat(List.copyOf(m.tables().keySet())).isSorted();
        assertThat(m.functions().keySet()).containsExactly(new ObjectName("app", "add(a integer)"), new ObjectName("app", "p()"));
        assertThat(m.indexesOn(new ObjectName("app", "customer"))).hasSize(1);
        assertThat(m.triggersOn(new ObjectName("app", "customer"))).hasSize(1);
        assertThatThrownBy(() -> SchemaModel.builder()
                .enums(List.of(new EnumType(new ObjectName("a", "e"), List.of(), null),
                        new EnumType(new ObjectName("a", "e"), List.of("x"), null))).build())
                .hasMessageContaining("duplicate key a.e");
        assertThatThrownBy(() -> m.tables().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
