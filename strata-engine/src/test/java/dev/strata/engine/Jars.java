package dev.strata.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Builds jars for the tests: entries (with their folder entries, as the jar tool writes them) from text or bytes. */
final class Jars {
    private Jars() {
    }

    /** Two revisions of a small project, keyed by file name. */
    static Map<String, String> twoRevisions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("001_users.sql", "-- strata:revision r001\n-- strata:message Create users\n\n-- strata:upgrade\n"
                + "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n\n-- strata:downgrade\nDROP TABLE users;\n");
        m.put("002_email.sql", "-- strata:revision r002\n-- strata:parents r001\n-- strata:message Add email\n\n"
                + "-- strata:upgrade\nALTER TABLE users ADD COLUMN email text;\n\n-- strata:downgrade\n"
                + "ALTER TABLE users DROP COLUMN email;\n");
        return m;
    }

    /** The files under {@code prefix} (e.g. {@code db/strata/}) as jar entries. */
    static Map<String, byte[]> under(String prefix, Map<String, String> files) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        files.forEach((name, text) -> m.put(prefix + name, text.getBytes(StandardCharsets.UTF_8)));
        return m;
    }

    static Path write(Path jar, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar)) {
            out.write(bytes(entries));
        }
        return jar;
    }

    static byte[] bytes(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(buf)) {
            TreeSet<String> dirs = new TreeSet<>();
            for (String name : entries.keySet()) {
                for (int i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1)) {
                    dirs.add(name.substring(0, i + 1));
                }
            }
            for (String d : dirs) {
                jar.putNextEntry(new JarEntry(d));
                jar.closeEntry();
            }
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return buf.toByteArray();
    }
}
