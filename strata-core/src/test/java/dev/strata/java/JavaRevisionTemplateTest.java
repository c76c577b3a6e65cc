package dev.strata.java;

import dev.strata.graph.RevisionId;
import dev.strata.script.JavaMigrationScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JavaRevisionTemplateTest {
    @TempDir
    Path dir;

    @Test
    void classNameIsTheIdAndTheMessageInCamelCase() {
        assertThat(JavaRevisionTemplate.className(RevisionId.of("20251115_093012"), "Add signal confidence index"))
                .isEqualTo("R20251115_093012_AddSignalConfidenceIndex");
        assertThat(JavaRevisionTemplate.className(RevisionId.of("1.2"), "  ")).isEqualTo("R1_2");
        assertThat(JavaRevisionTemplate.className(RevisionId.of("a"), "Crème brûlée: 2 x")).isEqualTo("Ra_CremeBrulee2X");
        assertThat(JavaRevisionTemplate.relativePath("com.acme.m", RevisionId.of("a"), "go"))
                .isEqualTo("com/acme/m/Ra_Go.java");
    }

    @Test
    void renderedClassCompilesAndLoadsBackToTheSameHeader() throws IOException {
        RevisionId id = RevisionId.of("20251115_093012");
        String message = "Add \"quoted\" index \\ é";
        String text = JavaRevisionTemplate.render("com.acme.m", id, List.of(RevisionId.of("p1"), RevisionId.of("p2")),
                message, List.of("feature"), List.of(RevisionId.of("d1")), false);
        String name = "com.acme.m." + JavaRevisionTemplate.className(id, message);
        TestCompiler.compile(dir, Map.of(name, text));
        try (URLClassLoader loader = TestCompiler.loader(dir)) {
            List<JavaMigrationScript> scripts = JavaMigrationLoader.load(loader, "com.acme.m");
            assertThat(scripts).hasSize(1);
            JavaMigrationScript s = scripts.get(0);
            assertThat(s.location()).isEqualTo(name);
            assertThat(s.revision().id()).isEqualTo(id);
            assertThat(s.revision().parents()).containsExactly(RevisionId.of("p1"), RevisionId.of("p2"));
            assertThat(s.revision().dependsOn()).containsExactly(RevisionId.of("d1"));
            assertThat(s.revision().branchLabels()).containsExactly("feature");
            assertThat(s.revision().message()).isEqualTo(message);
            assertThat(s.declaredTransactional()).isFalse();
            assertThat(s.upgradePlan()).isEmpty();
            assertThat(s.downgradeDerived()).isTrue();
        }
        assertThat(text).contains("// op.sql(\"").contains("downgrade is derived");
    }
}
