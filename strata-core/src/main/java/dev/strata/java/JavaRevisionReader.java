package dev.strata.java;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.Revision;
import dev.strata.graph.RevisionId;
import dev.strata.op.Operations;
import dev.strata.op.Reversal;
import dev.strata.script.JavaMigrationScript;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Turns one annotated class into a {@link JavaMigrationScript}: validates the header as the SQL header is
 * validated, instantiates the class, records its upgrade, and records its downgrade or derives it.
 * Every failure is a one-line {@link StrataException} naming the class.
 */
public final class JavaRevisionReader {
    private static final Set<String> RESERVED_IDS = Set.of("base", "head", "heads");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");

    private JavaRevisionReader() {
    }

    public static JavaMigrationScript read(Class<?> type) {
        String name = type.getName();
        StrataRevision h = type.getAnnotation(StrataRevision.class);
        if (h == null) {
            throw invalid(name, "has no @StrataRevision annotation; add one with the revision's id and parents");
        }
        RevisionId id = id(name, h.id());
        List<RevisionId> parents = h.parents().length == 1 && h.parents()[0].equals("base")
                ? List.of() : ids(name, "parents", h.parents());
        List<RevisionId> dependsOn = ids(name, "dependsOn", h.dependsOn());
        Set<String> labels = new LinkedHashSet<>();
        for (String label : h.branchLabels()) {
            if (label == null || !LABEL.matcher(label).matches()) {
                throw invalid(name, "has an invalid branch label '" + label + "': start with a letter or '_', then"
                        + " use letters, digits, '_', '.' and '-'");
            }
            if (!labels.add(label)) {
                throw invalid(name, "lists branch label '" + label + "' twice: list it once");
            }
        }
        JavaMigration migration = instantiate(type);
        Operations up = record(name, "upgrade", migration::upgrade);
        boolean writtenDowngrade = overridesDowngrade(type);
        String irreversible = h.irreversible().isBlank() ? null : h.irreversible().strip();
        Reversal downgrade;
        if (irreversible != null) {
            if (writtenDowngrade) {
                throw invalid(name, "declares irreversible = \"" + irreversible + "\" but also writes downgrade();"
                        + " remove one of them");
            }
            downgrade = Reversal.irreversible(irreversible);
        } else if (writtenDowngrade) {
            downgrade = new Reversal.Reversible(record(name, "downgrade", migration::downgrade).ops());
        } else {
            downgrade = Reversal.ofAll(up.ops());
            if (downgrade instanceof Reversal.Irreversible i) {
                downgrade = Reversal.irreversible("no downgrade is written and none can be derived, because of op "
                        + i.reason() + "; write downgrade(Operations) in " + type.getSimpleName()
                        + ", or set irreversible = \"REASON\" in @StrataRevision");
            }
        }
        String message = h.message().replaceAll("\\s+", " ").strip();
        Revision revision = new Revision(id, parents, dependsOn, labels, message, name);
        java.util.List<String> verify;
        try {
            verify = migration.verify() == null ? java.util.List.of() : java.util.List.copyOf(migration.verify());
        } catch (RuntimeException e) {
            throw invalid(name, "verify() threw " + e + "; it must return the same SQL statements every time");
        }
        return new JavaMigrationScript(revision, name, h.transactional(), up.ops(), downgrade,
                irreversible == null && !writtenDowngrade, h.destructive().strip(), verify);
    }

    private static RevisionId id(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new StrataException(ErrorCode.REVISION_ID_INVALID, "Java revision " + name
                    + " has an empty id in @StrataRevision; give it one, e.g. id = \"20251115_093012\"");
        }
        if (RESERVED_IDS.contains(value.toLowerCase(Locale.ROOT))) {
            throw new StrataException(ErrorCode.REVISION_ID_INVALID, "revision id '" + value + "' of Java revision "
                    + name + " is reserved for targets: choose another id");
        }
        return parse(name, "id", value);
    }

    private static List<RevisionId> ids(String name, String attribute, String[] values) {
        Set<RevisionId> out = new LinkedHashSet<>();
        for (String v : values) {
            if ("base".equals(v)) {
                throw invalid(name, "lists 'base' among other ids in " + attribute + "; a root revision has no"
                        + " parents (or just \"base\")");
            }
            if (!out.add(parse(name, attribute, v))) {
                throw invalid(name, "lists '" + v + "' twice in " + attribute + ": list it once");
            }
        }
        return List.copyOf(out);
    }

    private static RevisionId parse(String name, String attribute, String value) {
        if (!RevisionId.isValid(value)) {
            throw new StrataException(ErrorCode.REVISION_ID_INVALID, "invalid revision id '" + value + "' in "
                    + attribute + " of Java revision " + name + ": use only letters, digits, '_' and '.'");
        }
        return RevisionId.of(value);
    }

    private static JavaMigration instantiate(Class<?> type) {
        String name = type.getName();
        if (!JavaMigration.class.isAssignableFrom(type)) {
            throw invalid(name, "has @StrataRevision but does not implement " + JavaMigration.class.getName()
                    + "; add 'implements JavaMigration'");
        }
        int mods = type.getModifiers();
        if (type.isInterface() || Modifier.isAbstract(mods)) {
            throw invalid(name, "is abstract; a revision must be a concrete class");
        }
        if (!Modifier.isPublic(mods) || type.isMemberClass() && !Modifier.isStatic(mods)) {
            throw invalid(name, "must be a public (and, when nested, static) class so that Strata can create it");
        }
        Constructor<?> ctor;
        try {
            ctor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw invalid(name, "has no public no-arg constructor; add one, or remove the constructor's parameters");
        }
        try {
            return (JavaMigration) ctor.newInstance();
        } catch (InvocationTargetException e) {
            throw invalid(name, "threw " + oneLine(e.getCause()) + " in its constructor; fix the constructor", e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw invalid(name, "cannot be created (" + oneLine(e) + "); make it public with a public no-arg constructor", e);
        }
    }

    private static Operations record(String name, String method, Consumer<Operations> body) {
        Operations op = new Operations();
        try {
            body.accept(op);
        } catch (RuntimeException | LinkageError e) {
            throw invalid(name, method + "() threw " + oneLine(e) + "; fix the revision's " + method + " method", e);
        }
        return op;
    }

    private static boolean overridesDowngrade(Class<?> type) {
        try {
            return type.getMethod("downgrade", Operations.class).getDeclaringClass() != JavaMigration.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("JavaMigration declares downgrade(Operations)", e);
        }
    }

    /** The exception's class and the first line of its message. */
    static String oneLine(Throwable t) {
        String msg = t.getMessage();
        String first = msg == null ? "" : msg.strip().lines().findFirst().orElse("");
        return t.getClass().getSimpleName() + (first.isEmpty() ? "" : ": " + first);
    }

    private static StrataException invalid(String name, String what) {
        return new StrataException(ErrorCode.JAVA_REVISION_INVALID, "Java revision " + name + " " + what);
    }

    private static StrataException invalid(String name, String what, Throwable cause) {
        return new StrataException(ErrorCode.JAVA_REVISION_INVALID, "Java revision " + name + " " + what, cause);
    }
}
