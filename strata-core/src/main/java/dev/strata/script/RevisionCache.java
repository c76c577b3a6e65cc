package dev.strata.script;

import dev.strata.graph.Revision;
import dev.strata.graph.RevisionId;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * other bytes, so it misses and is parsed (and its checksum computed) as always. A kept cache is ignored whole when
 * its stamp (the caller's, e.g. the engine's version, with the checksum form's) differs from the reader's, or when it
 * is malformed. Where it is kept is the caller's business ({@link #read}, {@link #write}): the command line keeps one
 * file per migrations folder, and rewrites it with the entries of the files a run read whenever one of them was
 * missing ({@link #complete()}).
 */
public final class RevisionCache {
    private static final String MAGIC = "strata-revision-cache 1";
    private static final MessageDigest PROTOTYPE = sha256();

    private final String stamp;
    private final Map<String, Entry> known;
    private final Map<String, Entry> used = new ConcurrentHashMap<>();
    private volatile boolean missed;

    private RevisionCache(String stamp, Map<String, Entry> known) {
        this.stamp = stamp + " / " + ChecksumForm.VERSION;
        this.known = known;
    }

    /** An empty cache for readers of {@code stamp}. */
    public static RevisionCache empty(String stamp) {
        return new RevisionCache(Objects.requireNonNull(stamp, "stamp"), new HashMap<>());
    }

    /**
     * The cache {@link #write} wrote to {@code in}, for readers of {@code stamp}; empty when it was written for another
     * stamp, cannot be read or is malformed. Does not close {@code in}.
     */
    public static RevisionCache read(InputStream in, String stamp) {
        RevisionCache cache = empty(stamp);
        try {
            DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
            if (data.readUTF().equals(MAGIC) && data.readUTF().equals(cache.stamp)) {
                int n = data.readInt();
                for (int i = 0; i < n; i++) {
                    Entry e = Entry.read(data);
                    cache.known.put(e.key, e);
                }
            }
        } catch (IOException | RuntimeException e) {
            cache.known.clear(); // unreadable or malformed: as if absent (the next write replaces it)
        }
        return cache;
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

    /** Whether the files looked up were all in the cache and it holds no others: then there is nothing to write. */
    public boolean complete() {
        return !missed && used.size() == known.size();
    }

    /** Writes the entries of the files looked up (found or parsed) to {@code out}, which it does not close. */
    public void write(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        data.writeUTF(MAGIC);
        data.writeUTF(stamp);
        List<Entry> entries = new ArrayList<>(used.values());
        data.writeInt(entries.size());
        for (Entry e : entries) {
            e.write(data);
        }
        data.flush();
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
