package dev.strata.script;

import dev.strata.graph.Revision;
import dev.strata.graph.RevisionId;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What SQL revision files parsed to, kept between runs so that a file read before is not parsed again: each entry is
 * keyed by the SHA-256 of the file's bytes, exactly as read, and holds the header and the checksum the parser gave
 * them. A run that only verifies applied revisions (a no-op upgrade) then reads and hashes each file and looks it
 * up; the sections are parsed only when a revision must run ({@link SqlMigration#split()}), from the same bytes.
 *
 * <p>The checksum itself does not change: it is still the one of {@link ChecksumForm}, computed by the parser the
 * first time these bytes were seen. An entry can be neither stale nor wrong for other bytes — an edited file has
 * other bytes, so it misses and is parsed (and its checksum computed) as always. The whole cache is ignored when
 * its stamp (the engine's version and the checksum form's) differs from the reader's, when it cannot be read,
 * or when it is malformed; it is rewritten, under a temporary name then renamed, with the entries of the files
 * the run read, whenever one of them was not in it. Writing is best effort: a folder that cannot be written only
 * means the next run parses again.
 */
public final class RevisionCache {
    private static final String MAGIC = "strata-revision-cache 1";
    private static final MessageDigest PROTOTYPE = sha256();

    private final Path file;
    private final String stamp;
    private final Map<String, Entry> known;
    private final Map<String, Entry> used = new ConcurrentHashMap<>();
    private volatile boolean missed;

    private RevisionCache(Path file, String stamp, Map<String, Entry> known) {
        this.file = file;
        this.stamp = stamp;
        this.known = known;
    }

    /**
     * The cache kept in {@code file} (which may not exist yet) for readers of {@code stamp}; empty when the file
     * is missing, unreadable, malformed or of another stamp.
     */
    public static RevisionCache open(Path file, String stamp) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(stamp, "stamp");
        Map<String, Entry> known = new HashMap<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readUTF().equals(MAGIC) && in.readUTF().equals(stamp)) {
                int n = in.readInt();
                for (int i = 0; i < n; i++) {
                    Entry e = Entry.read(in);
                    known.put(e.key, e);
                }
            }
        } catch (NoSuchFileException e) {
            // the first run: nothing kept yet
        } catch (IOException | RuntimeException e) {
            known.clear(); // unreadable or malformed: as if absent (the next write replaces it)
        }
        return new RevisionCache(file, stamp, known);
    }

    /** The key of a file's bytes: their SHA-256, in hex. */
    static String key(byte[] bytes) {
        MessageDigest md;
        try {
            md = (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            md = sha256();
        }
        return java.util.HexFormat.of().formatHex(md.digest(bytes));
    }

    /** The revision these bytes parsed to before, at {@code location} now; null when they were not seen. */
    SqlMigration find(String key, String location, byte[] bytes) {
        Entry e = known.get(key);
        if (e == null) {
            missed = true;
            return null;
        }
        used.put(key, e);
        return e.migration(location, bytes);
    }

    /** Keeps what {@code bytes} (of {@code key}) parsed to. */
    void remember(String key, SqlMigration parsed) {
        used.put(key, Entry.of(key, parsed));
    }

    /** Whether the files read since {@link #open} were all in the cache (nothing to write). */
    public boolean complete() {
        return !missed && used.size() == known.size();
    }

    /**
     * Writes the entries of the files read since {@link #open} when the cache did not hold exactly them; best
     * effort (an error leaves the old file, or none).
     */
    public void save() {
        if (complete()) {
            return;
        }
        Path tmp = null;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
            try (OutputStream raw = Files.newOutputStream(tmp);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
                out.writeUTF(MAGIC);
                out.writeUTF(stamp);
                List<Entry> entries = new ArrayList<>(used.values());
                out.writeInt(entries.size());
                for (Entry e : entries) {
                    e.write(out);
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException | RuntimeException e) {
            // best effort: the next run parses the files again
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** One file's bytes as parsed: the header's fields, the checksum, and what the sections hold at a glance. */
    private record Entry(String key, String id, List<String> parents, List<String> dependsOn, List<String> labels,
                         String message, boolean transactional, String irreversible, String destructive,
                         boolean hasDowngrade, boolean mayDefer, String checksum) {
        static Entry of(String key, SqlMigration m) {
            Revision r = m.revision();
            return new Entry(key, r.id().value(), values(r.parents()), values(r.dependsOn()),
                    List.copyOf(new java.util.TreeSet<>(r.branchLabels())), r.message(), m.transactional(),
                    m.irreversibleReason().orElse(null), m.destructiveReason().orElse(null),
                    m.body().hasDowngrade(), m.mayDeferBuilds(), m.checksum().hex());
        }

        SqlMigration migration(String location, byte[] bytes) {
            Revision r = new Revision(RevisionId.of(id), ids(parents), ids(dependsOn), new HashSet<>(labels), message,
                    location);
            return new SqlMigration(r, location, transactional, SqlMigration.Body.fromSource(location, bytes,
                    hasDowngrade, mayDefer), irreversible, destructive, new Checksum(checksum));
        }

        void write(DataOutputStream out) throws IOException {
            out.writeUTF(key);
            out.writeUTF(id);
            writeList(out, parents);
            writeList(out, dependsOn);
            writeList(out, labels);
            out.writeUTF(message);
            out.writeBoolean(transactional);
            writeNullable(out, irreversible);
            writeNullable(out, destructive);
            out.writeBoolean(hasDowngrade);
            out.writeBoolean(mayDefer);
            out.writeUTF(checksum);
        }

        static Entry read(DataInputStream in) throws IOException {
            return new Entry(in.readUTF(), in.readUTF(), readList(in), readList(in), readList(in), in.readUTF(),
                    in.readBoolean(), readNullable(in), readNullable(in), in.readBoolean(), in.readBoolean(),
                    in.readUTF());
        }

        private static List<String> values(List<RevisionId> ids) {
            List<String> out = new ArrayList<>(ids.size());
            for (RevisionId id : ids) {
                out.add(id.value());
            }
            return out;
        }

        private static List<RevisionId> ids(List<String> values) {
            List<RevisionId> out = new ArrayList<>(values.size());
            for (String v : values) {
                out.add(RevisionId.of(v));
            }
            return out;
        }

        private static void writeList(DataOutputStream out, List<String> list) throws IOException {
            out.writeShort(list.size());
            for (String s : list) {
                out.writeUTF(s);
            }
        }

        private static List<String> readList(DataInputStream in) throws IOException {
            int n = in.readUnsignedShort();
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(in.readUTF());
            }
            return out;
        }

        private static void writeNullable(DataOutputStream out, String s) throws IOException {
            out.writeBoolean(s != null);
            if (s != null) {
                out.writeUTF(s);
            }
        }

        private static String readNullable(DataInputStream in) throws IOException {
            return in.readBoolean() ? in.readUTF() : null;
        }
    }
}
