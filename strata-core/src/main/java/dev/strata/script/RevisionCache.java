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
    private static final String MAGIC = "strata-revision-cache 4";
    private final String stamp;
    private final Map<String, Entry> known;
    private final Map<String, Entry> byLocation = new HashMap<>();
    private final Map<String, Entry> used = new ConcurrentHashMap<>();
    private final Map<String, String> keyByLocation = new ConcurrentHashMap<>();
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
                    cache.byLocation.put(e.location, e);
                }
            }
        } catch (IOException | RuntimeException e) {
            cache.known.clear(); // unreadable or malformed: as if absent (the next write replaces it)
            cache.byLocation.clear();
        }
        return cache;
    }

    /** The key of a file's bytes: their SHA-256, in hex. */
    static String key(byte[] bytes) {
        return Checksum.sha256(bytes).hex();
    }

    /**
     * The revision the file at {@code relative} (to the migrations folder; {@code location} in messages) parsed to
     * before, without reading it: found when the cache holds an entry for that path whose file status ({@link Stat}) is the file's now; null otherwise (then the file is
     * read and looked up by its bytes). {@code reread} gives the file's bytes when its sections are needed; they are
     * checked against the entry's hash then, so a file changed in between is refused rather than run.
     */
    SqlMigration find(String relative, String location, Stat stat, java.util.function.Supplier<byte[]> reread) {
        Entry e = stat == null ? null : byLocation.get(relative);
        if (e == null || !stat.equals(e.stat)) {
            return null;
        }
        used.put(e.key, e);
        keyByLocation.put(location, e.key);
        return e.migration(location, SqlMigration.Body.fromFile(location, () -> {
            byte[] bytes = reread.get();
            if (!key(bytes).equals(e.key)) {
                throw new dev.strata.error.StrataException(dev.strata.error.ErrorCode.IO_FAILED, location
                        + " changed while Strata was running: run the command again");
            }
            return bytes;
        }, e.hasDowngrade, e.mayDefer, e.mayCreateExtension, e.upgradeStatements));
    }

    /**
     * The revision these bytes parsed to before, at {@code relative} ({@code location}) now with file status
     * {@code stat} (null when not to be kept); null when they were not seen.
     */
    SqlMigration find(String key, String relative, String location, byte[] bytes, Stat stat) {
        Entry e = known.get(key);
        if (e == null) {
            missed = true;
            return null;
        }
        if (!relative.equals(e.location) || !Objects.equals(stat, e.stat)) {
            e = e.at(relative, stat);
            missed = true; // the same bytes, moved or touched: written again with what the file is now
        }
        used.put(key, e);
        keyByLocation.put(location, key);
        return e.migration(location, SqlMigration.Body.fromSource(location, bytes, e.hasDowngrade, e.mayDefer,
                e.mayCreateExtension, e.upgradeStatements));
    }

    /** Keeps what {@code bytes} (of {@code key}, at {@code relative} with {@code stat}, or null) parsed to. */
    void remember(String key, SqlMigration parsed, String relative, Stat stat) {
        used.put(key, Entry.of(key, parsed, relative, stat));
        keyByLocation.put(parsed.location(), key);
    }

    /**
     * The key (SHA-256 of the bytes, in hex) of the file a revision looked up here was read from, by the location it
     * was given ({@link MigrationScript#location()}); null when none was. The bytes a revision at a found location
     * is split from are checked against this key (a file changed since is refused).
     */
    public String keyOf(String location) {
        return keyByLocation.get(location);
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

    /**
     * What the file system says of a file, as git's index keeps it: size, modification and status-change times (in
     * nanoseconds) and inode number. Any write to the file changes its status-change time, which no tool can set
     * back, so an equal status means the same bytes as when the entry was made. The loader gives no status for a
     * file changed in the last seconds (whose next write could fall in the same clock tick): such a file is hashed.
     */
    public record Stat(long size, long modified, long changed, long inode) {
        // written out: a record's generated equals is bootstrapped through method handles on its first call, about
        // 20 ms of a no-op run's start-up (issue 14)
        @Override
        public boolean equals(Object o) {
            return o instanceof Stat s && s.size == size && s.modified == modified && s.changed == changed
                    && s.inode == inode;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(size) * 31 + Long.hashCode(changed);
        }
    }

    /**
     * One file's bytes as parsed: the header's fields, the checksum, and what the sections hold at a glance;
     * {@code upgradeStatements}, how many statements the upgrade section split into when the sections split without
     * an error (by this stamp's build, so they do again), else -1.
     */
    private record Entry(String key, String id, List<String> parents, List<String> dependsOn, List<String> labels,
                         String message, boolean transactional, String irreversible, String destructive,
                         boolean hasDowngrade, boolean mayDefer, boolean mayCreateExtension, int upgradeStatements,
                         String checksum, String location, Stat stat) {
        static Entry of(String key, SqlMigration m, String location, Stat stat) {
            Revision r = m.revision();
            return new Entry(key, r.id().value(), values(r.parents()), values(r.dependsOn()),
                    List.copyOf(new java.util.TreeSet<>(r.branchLabels())), r.message(), m.transactional(),
                    m.irreversibleReason().orElse(null), m.destructiveReason().orElse(null),
                    m.body().hasDowngrade(), m.mayDeferBuilds(), m.mayCreateExtension(), m.body().upgradeStatements(),
                    m.checksum().hex(), location, stat);
        }

        Entry at(String newLocation, Stat newStat) {
            return new Entry(key, id, parents, dependsOn, labels, message, transactional, irreversible, destructive,
                    hasDowngrade, mayDefer, mayCreateExtension, upgradeStatements, checksum, newLocation, newStat);
        }

        SqlMigration migration(String at, SqlMigration.Body body) {
            Revision r = new Revision(RevisionId.of(id), ids(parents), ids(dependsOn), new HashSet<>(labels), message,
                    at);
            return new SqlMigration(r, at, transactional, body, irreversible, destructive, new Checksum(checksum));
        }

        void write(DataOutputStream out) throws IOException {
            out.writeUTF(location);
            out.writeBoolean(stat != null);
            if (stat != null) {
                out.writeLong(stat.size());
                out.writeLong(stat.modified());
                out.writeLong(stat.changed());
                out.writeLong(stat.inode());
            }
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
            out.writeBoolean(mayCreateExtension);
            out.writeInt(upgradeStatements);
            out.writeUTF(checksum);
        }

        static Entry read(DataInputStream in) throws IOException {
            String location = in.readUTF();
            Stat stat = in.readBoolean() ? new Stat(in.readLong(), in.readLong(), in.readLong(), in.readLong()) : null;
            return new Entry(in.readUTF(), in.readUTF(), readList(in), readList(in), readList(in), in.readUTF(),
                    in.readBoolean(), readNullable(in), readNullable(in), in.readBoolean(), in.readBoolean(),
                    in.readBoolean(), in.readInt(), in.readUTF(), location, stat);
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
