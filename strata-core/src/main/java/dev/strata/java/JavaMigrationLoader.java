package dev.strata.java;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.script.JavaMigrationScript;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the Java revisions in a package: every class in it or its subpackages, on the class loader's class
 * path (see {@link ClassPathScanner}), that carries {@link StrataRevision}. Classes without the annotation
 * are ignored, so helpers may live next to the revisions; a class with it is read by
 * {@link JavaRevisionReader}, and any problem with it is an error naming the class. The result is sorted
 * by class name; the order of revisions is the graph's business, and so are duplicate ids.
 */
public final class JavaMigrationLoader {
    private static final Pattern PACKAGE = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    private JavaMigrationLoader() {
    }

    /**
     * @throws StrataException JAVA_REVISION_INVALID for an annotated class that is not a valid revision or whose
     *                         {@code upgrade} or {@code downgrade} throws; REVISION_ID_INVALID for a bad id
     */
    public static List<JavaMigrationScript> load(ClassLoader loader, String packageName) {
        if (!isPackageName(packageName)) {
            throw new IllegalArgumentException("not a Java package name: " + packageName);
        }
        List<JavaMigrationScript> out = new ArrayList<>();
        for (String name : ClassPathScanner.classNames(loader, packageName)) {
            Class<?> type = loadClass(loader, name);
            if (type != null && type.isAnnotationPresent(StrataRevision.class)) {
                out.add(JavaRevisionReader.read(type));
            }
        }
        return List.copyOf(out);
    }

    /** Whether {@code name} is a dotted Java package name such as {@code com.acme.migrations}. */
    public static boolean isPackageName(String name) {
        return name != null && PACKAGE.matcher(name).matches();
    }

    private static Class<?> loadClass(ClassLoader loader, String name) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            return null; // on a scanned path the loader does not delegate to: not ours to load
        } catch (LinkageError e) {
            throw new StrataException(ErrorCode.JAVA_REVISION_INVALID, "cannot load class " + name + " ("
                    + JavaRevisionReader.oneLine(e) + "); add what it needs to java_classpath, or rebuild it", e);
        }
    }
}
