package dev.strata.java;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The header of a Java revision: the same fields as the {@code -- strata:} header of a SQL revision file,
 * with the same rules (ids of letters, digits, {@code _} and {@code .}; no parents for a root, two or more
 * for a merge). Put it on a public class implementing {@link JavaMigration} with a public no-arg
 * constructor, in the package that {@code java_package} names (or one of its subpackages).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StrataRevision {
    /** The revision id. */
    String id();

    /** The revisions this one revises; empty (or just {@code "base"}) for a root; two or more for a merge. */
    String[] parents() default {};

    /** One-line description. */
    String message() default "";

    /** Labels for the branch this revision starts. */
    String[] branchLabels() default {};

    /** Revisions that must be applied first without being parents. */
    String[] dependsOn() default {};

    /**
     * {@code false} runs the statements that would share the revision's transaction outside any
     * transaction instead, one by one (as {@code -- strata:transactional false} does for a SQL file).
     */
    boolean transactional() default true;

    /** The data loss this revision causes, when there is some; empty for none. */
    String destructive() default "";

    /** Why this revision has no downgrade, on purpose; empty when it has one (written or derived). */
    String irreversible() default "";
}
