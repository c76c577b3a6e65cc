package dev.strata.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.PrintStream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;

/**
 * The arrows between the modules point down (STYLE.md): strata-core is pure (no JDBC, no printing, the file
 * system only in its loaders), strata-engine prints nothing and knows no command line, strata-cli talks to
 * PostgreSQL only through the engine.
 */
class ArchitectureTest {
    /** The packages of strata-core. */
    private static final String[] CORE = {"dev.strata.graph..", "dev.strata.script..", "dev.strata.model..",
            "dev.strata.op..", "dev.strata.diff..", "dev.strata.plan..", "dev.strata.sql..", "dev.strata.run..",
            "dev.strata.error..", "dev.strata.java..", "dev.strata.diagram.."};
    /** The only core classes that read the file system: the revision folder and class path loaders. */
    private static final String[] CORE_LOADERS = {"dev.strata.script.ScriptLoader", "dev.strata.java.ClassPathScanner"};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.strata");
    }

    @Test
    void coreUsesNoJdbc() {
        check(noClasses().that().resideInAnyPackage(CORE).should().dependOnClassesThat().resideInAPackage("java.sql.."));
    }

    @Test
    void coreDoesNotPrint() {
        check(noClasses().that().resideInAnyPackage(CORE).should(ACCESS_STANDARD_STREAMS));
        check(noClasses().that().resideInAnyPackage(CORE).should().dependOnClassesThat().areAssignableTo(PrintStream.class));
    }

    @Test
    void coreUsesTheFileSystemOnlyInItsLoaders() {
        check(noClasses().that().resideInAnyPackage(CORE).and().doNotHaveFullyQualifiedName(CORE_LOADERS[0])
                .and().doNotHaveFullyQualifiedName(CORE_LOADERS[1])
                .and().haveNameNotMatching(".*(ScriptLoader|ClassPathScanner)\\$.*")
                .should().dependOnClassesThat().resideInAPackage("java.nio.file.."));
    }

    @Test
    void engineKnowsNoCommandLineAndPrintsNothing() {
        check(noClasses().that().resideInAPackage("dev.strata.engine..").should().dependOnClassesThat()
                .resideInAPackage("picocli.."));
        check(noClasses().that().resideInAPackage("dev.strata.engine..")
                .should(ACCESS_STANDARD_STREAMS));
        check(noClasses().that().resideInAPackage("dev.strata.engine..").should().dependOnClassesThat()
                .areAssignableTo(PrintStream.class));
    }

    @Test
    void cliUsesNoJdbc() {
        check(noClasses().that().resideInAPackage("dev.strata.cli..").should().dependOnClassesThat()
                .resideInAPackage("java.sql.."));
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }
}
