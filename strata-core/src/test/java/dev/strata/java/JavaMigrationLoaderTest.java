package dev.strata.java;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.RevisionId;
import dev.strata.plan.Statement;
import dev.strata.plan.Tx;
import dev.strata.script.JavaMigrationScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static dev.strata.java.TestCompiler.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JavaMigrationLoaderTest {
    @TempDir
    Path dir;

    private List<JavaMigrationScript> load(String pkg, Map<String, String> sources) throws IOException {
        Path out = Files.createTempDirectory(dir, "classes");
        TestCompiler.compile(out, sources);
        try (URLClassLoader loader = TestCompiler.loader(out)) {
            return JavaMigrationLoader.load(loader, pkg);
        }
    }

    private static List<String> sql(List<Statement> plan) {
        return plan.stream().map(s -> s.tx() + " " + s.sql()).toList();
    }

    @Test
    void findsAnnotatedClassesInThePackageAndSubpackagesSortedByClassName() throws IOException {
        var scripts = load("t.m", Map.of(
                "t.m.sub.A1", revision("t.m.sub", "A1", "id = \"a1\", message = \"create items\"",
                        "public void upgrade(Operations op) { op.sql(\"CREATE TABLE items (id int)\", \"DROP TABLE items\"); }"),
                "t.m.B2", revision("t.m", "B2", "id = \"b2\", parents = {\"a1\"}, branchLabels = {\"feature\"},"
                                + " dependsOn = {\"a1\"}, destructive = \"drops nothing really\"",
                        "public void upgrade(Operations op) {\n"
                                + "  op.sql(\"ALTER TABLE items ADD COLUMN sku text\", \"ALTER TABLE items DROP COLUMN sku\");\n"
                                + "  op.sqlOutsideTransaction(\"CREATE INDEX CONCURRENTLY items_sku ON items (sku)\",\n"
                                + "      \"DROP INDEX CONCURRENTLY items_sku\");\n}"),
                "t.m.Helper", "package t.m; public class Helper { }",
                "t.other.C3", revision("t.other", "C3", "id = \"c3\"", "public void upgrade(Operations op) { }")));

        assertThat(scripts).extracting(JavaMigrationScript::location).containsExactly("t.m.B2", "t.m.sub.A1");
        JavaMigrationScript b2 = scripts.get(0);
        assertThat(b2.revision().id()).isEqualTo(RevisionId.of("b2"));
        assertThat(b2.revision().parents()).containsExactly(RevisionId.of("a1"));
        assertThat(b2.revision().dependsOn()).containsExactly(RevisionId.of("a1"));
        assertThat(b2.revision().branchLabels()).containsExactly("feature");
        assertThat(b2.revision().source()).isEqualTo("t.m.B2");
        assertThat(b2.destructiveReason()).contains("drops nothing really");
        assertThat(sql(b2.upgradePlan())).containsExactly(
                "IN_TRANSACTION ALTER TABLE items ADD COLUMN sku text",
                "NO_TRANSACTION CREATE INDEX CONCURRENTLY items_sku ON items (sku)");
        assertThat(b2.transactional()).isFalse();
        assertThat(b2.upgradePlan().get(1).source()).startsWith("t.m.B2 upgrade op 2 (sql: CREATE INDEX CONCURRENTLY");
        // derived: each op's reverse, last first
        assertThat(b2.downgradeDerived()).isTrue();
        assertThat(sql(b2.downgradePlan().orElseThrow())).containsExactly(
                "NO_TRANSACTION DROP INDEX CONCURRENTLY items_sku",
                "IN_TRANSACTION ALTER TABLE items DROP COLUMN sku");
        assertThat(b2.irreversibleReason()).isEmpty();

        JavaMigrationScript a1 = scripts.get(1);
        assertThat(a1.revision().isRoot()).isTrue();
        assertThat(a1.revision().message()).isEqualTo("create items");
        assertThat(a1.transactional()).isTrue();
    }

    @Test
    void nonTransactionalTurnsSharedTransactionStatementsIntoAutocommitOnes() throws IOException {
        var s = load("t.n", Map.of("t.n.R", revision("t.n", "R", "id = \"r\", transactional = false",
                "public void upgrade(Operations op) { op.sql(\"SELECT 1\", \"SELECT 2\"); }"))).get(0);
        assertThat(sql(s.upgradePlan())).containsExactly("NO_TRANSACTION SELECT 1");
        assertThat(sql(s.downgradePlan().orElseThrow())).containsExactly("NO_TRANSACTION SELECT 2");
        assertThat(s.declaredTransactional()).isFalse();
    }

    @Test
    void writtenDowngradeIsUsedAsWritten() throws IOException {
        var s = load("t.w", Map.of("t.w.R", revision("t.w", "R", "id = \"r\"",
                "public void upgrade(Operations op) { op.sql(\"INSERT INTO t VALUES (1)\", null); }\n"
                        + "public void downgrade(Operations op) { op.sql(\"DELETE FROM t WHERE id = 1\", null); }"))).get(0);
        assertThat(s.downgradeDerived()).isFalse();
        assertThat(sql(s.downgradePlan().orElseThrow())).containsExactly("IN_TRANSACTION DELETE FROM t WHERE id = 1");
    }

    @Test
    void anOpWithoutReverseMakesTheDerivedDowngradeIrreversibleSayingWhy() throws IOException {
        var s = load("t.i", Map.of("t.i.R", revision("t.i", "R", "id = \"r\"",
                "public void upgrade(Operations op) {\n op.sql(\"CREATE TABLE t (id int)\", \"DROP TABLE t\");\n"
                        + " op.sql(\"INSERT INTO t VALUES (1)\", null);\n}"))).get(0);
        assertThat(s.downgradePlan()).isEmpty();
        assertThat(s.irreversibleReason()).hasValueSatisfying(r -> assertThat(r)
                .contains("sql: INSERT INTO t VALUES (1)").contains("raw SQL declared no reverse")
                .contains("write downgrade(Operations) in R").doesNotContain("\n"));
    }

    @Test
    void irreversibleAttributeMakesItIrreversible() throws IOException {
        var s = load("t.j", Map.of("t.j.R", revision("t.j", "R", "id = \"r\", irreversible = \"drops the audit data\"",
                "public void upgrade(Operations op) { op.sql(\"DROP TABLE audit\", \"CREATE TABLE audit (id int)\"); }"))).get(0);
        assertThat(s.downgradePlan()).isEmpty();
        assertThat(s.irreversibleReason()).contains("drops the audit data");
    }

    @Test
    void loadsFromAJar() throws IOException {
        Path classes = Files.createTempDirectory(dir, "classes");
        TestCompiler.compile(classes, Map.of("t.jar.R1", revision("t.jar", "R1", "id = \"r1\"",
                "public void upgrade(Operations op) { op.sql(\"SELECT 1\", \"SELECT 2\"); }")));
        Path jar = dir.resolve("migrations.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                try (var in = Files.newInputStream(f)) {
                    in.transferTo((OutputStream) out);
                }
                out.closeEntry();
            }
        }
        try (URLClassLoader loader = TestCompiler.loader(jar)) {
            assertThat(JavaMigrationLoader.load(loader, "t.jar")).extracting(JavaMigrationScript::location)
                    .containsExactly("t.jar.R1");
        }
    }

    @Test
    void checksumFollowsTheRenderedSqlNotTheClass() throws IOException {
        String body = "public void upgrade(Operations op) { op.sql(\"CREATE TABLE t (id int)\", \"DROP TABLE t\"); }";
        var original = load("t.c", Map.of("t.c.R", revision("t.c", "R", "id = \"r\", message = \"one\"", body))).get(0);
        var again = load("t.c", Map.of("t.c.R", revision("t.c", "R", "id = \"r\", message = \"one\"", body))).get(0);
        var otherMessage = load("t.c", Map.of("t.c.R", revision("t.c", "R", "id = \"r\", message = \"two\"",
                "// a comment\n" + body))).get(0);
        var editedSql = load("t.c", Map.of("t.c.R", revision("t.c", "R", "id = \"r\", message = \"one\"",
                body.replace("id int", "id bigint")))).get(0);
        var editedDown = load("t.c", Map.of("t.c.R", revision("t.c", "R", "id = \"r\", message = \"one\"",
                body.replace("DROP TABLE t", "DROP TABLE IF EXISTS t")))).get(0);
        var outside = load("t.c", Map.of("t.c.R", revision("t.c", "R", "id = \"r\", message = \"one\"",
                body.replace("op.sql(", "op.sqlOutsideTransaction(")))).get(0);
        var otherParent = load("t.c", Map.of("t.c.R", revision("t.c", "R", "id = \"r\", parents = {\"q\"}", body))).get(0);
        var irreversible = load("t.c", Map.of("t.c.R", revision("t.c", "R", "id = \"r\", irreversible = \"no\"", body))).get(0);

        assertThat(again.checksum()).isEqualTo(original.checksum());
        assertThat(otherMessage.checksum()).isEqualTo(original.checksum());
        assertThat(List.of(editedSql, editedDown, outside, otherParent, irreversible))
                .extracting(JavaMigrationScript::checksum)
                .doesNotContain(original.checksum())
                .doesNotHaveDuplicates();
    }

    @Test
    void annotatedClassNotImplementingTheInterfaceIsAnError() {
        assertThatThrownBy(() -> load("t.e1", Map.of("t.e1.Bad",
                "package t.e1; @dev.strata.java.StrataRevision(id = \"x\") public class Bad { }")))
                .isInstanceOf(StrataException.class)
                .satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.JAVA_REVISION_INVALID))
                .hasMessageContaining("t.e1.Bad").hasMessageContaining("implements JavaMigration");
    }

    @Test
    void classWithoutNoArgConstructorIsAnError() {
        assertThatThrownBy(() -> load("t.e2", Map.of("t.e2.R", revision("t.e2", "R", "id = \"x\"",
                "public R(int n) { }\npublic void upgrade(Operations op) { }"))))
                .hasMessageContaining("Java revision t.e2.R has no public no-arg constructor");
    }

    @Test
    void upgradeThrowingIsAnErrorNamingTheClass() {
        assertThatThrownBy(() -> load("t.e3", Map.of("t.e3.R", revision("t.e3", "R", "id = \"x\"",
                "public void upgrade(Operations op) { throw new IllegalArgumentException(\"bad\\nsecond line\"); }"))))
                .isInstanceOf(StrataException.class)
                .hasMessage("Java revision t.e3.R upgrade() threw IllegalArgumentException: bad;"
                        + " fix the revision's upgrade method");
    }

    @Test
    void invalidIdsAreErrorsNamingTheClass() {
        assertThatThrownBy(() -> load("t.e4", Map.of("t.e4.R", revision("t.e4", "R", "id = \"a-b\"",
                "public void upgrade(Operations op) { }"))))
                .satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.REVISION_ID_INVALID))
                .hasMessageContaining("'a-b'").hasMessageContaining("t.e4.R");
        assertThatThrownBy(() -> load("t.e5", Map.of("t.e5.R", revision("t.e5", "R", "id = \"head\"",
                "public void upgrade(Operations op) { }"))))
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> load("t.e6", Map.of("t.e6.R", revision("t.e6", "R", "id = \"\"",
                "public void upgrade(Operations op) { }"))))
                .hasMessageContaining("t.e6.R has an empty id");
        assertThatThrownBy(() -> load("t.e7", Map.of("t.e7.R", revision("t.e7", "R", "id = \"r\", parents = {\"a\", \"a\"}",
                "public void upgrade(Operations op) { }"))))
                .hasMessageContaining("t.e7.R lists 'a' twice in parents");
    }

    @Test
    void irreversibleTogetherWithAWrittenDowngradeIsAnError() {
        assertThatThrownBy(() -> load("t.e8", Map.of("t.e8.R", revision("t.e8", "R", "id = \"r\", irreversible = \"x\"",
                "public void upgrade(Operations op) { }\npublic void downgrade(Operations op) { }"))))
                .hasMessageContaining("t.e8.R declares irreversible").hasMessageContaining("remove one of them");
    }

    @Test
    void emptyPackageGivesNothing() throws IOException {
        assertThat(load("t.none", Map.of("t.x.R", revision("t.x", "R", "id = \"r\"",
                "public void upgrade(Operations op) { }")))).isEmpty();
    }
}
