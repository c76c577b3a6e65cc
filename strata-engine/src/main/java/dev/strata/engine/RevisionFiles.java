package dev.strata.engine;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;
import dev.strata.graph.RevisionId;
import dev.strata.run.MigrationSet;
import dev.strata.script.RevisionTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Writing new revision files: ids, parents, the project's template. Used by revision, merge and autogenerate. */
public final class RevisionFiles {
    /** The file in the migrations folder whose text follows the header of every new revision. */
    public static final String TEMPLATE = ".template.sql";

    private RevisionFiles() {
    }

    /** A new revision id: {@code given} when it is free, else a fresh timestamp id. */
    public static RevisionId newId(MigrationSet set, String given) {
        Set<RevisionId> taken = new HashSet<>();
        set.graph().all().forEach(r -> taken.add(r.id()));
        if (given != null) {
            RevisionId id = RevisionId.of(given);
            if (taken.contains(id)) {
                throw new StrataException(ErrorCode.DUPLICATE_REVISION, "revision id " + id
                        + " is already used by " + set.script(id).location() + "; choose another id");
            }
            return id;
        }
        return RevisionTemplate.newId(Instant.now(), taken);
    }

    /** Revision specs (ids, {@code head}, {@code heads}, comma- or space-separated; {@code base} ignored) as ids. */
    public static List<RevisionId> resolveAll(MigrationSet set, List<String> specs) {
        LinkedHashSet<RevisionId> out = new LinkedHashSet<>();
        for (String spec : specs) {
            for (String part : spec.split("[,\\s]+")) {
                if (part.isEmpty() || part.equals("base")) {
                    continue;
                }
                if (part.equals("heads")) {
                    out.addAll(set.graph().heads());
                } else {
                    out.add(resolve(set, part).id());
                }
            }
        }
        return List.copyOf(out);
    }

    /** Applies the project's template (when it exists) to a rendered revision: header kept, body from the template. */
    public static String applyTemplate(Path migrationsDir, String rendered, RevisionId id, String message) {
        Path template = migrationsDir.resolve(TEMPLATE);
        if (!Files.isRegularFile(template)) {
            return rendered;
        }
        String body;
        try {
            body = Files.readString(template, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StrataException(ErrorCode.IO_FAILED, "cannot read the revision template " + template + ": " + e.getMessage());
        }
        int cut = rendered.indexOf("-- strata:upgrade");
        String header = cut < 0 ? rendered : rendered.substring(0, cut);
        return header + body.replace("${revision}", id.value()).replace("${message}", message)
                .replace("${create_date}", Instant.now().toString());
    }

    /** A revision spec as one revision; {@code head} is the one head when there is exactly one. */
    public static dev.strata.graph.Revision resolve(MigrationSet set, String spec) {
        if (spec.equals("head")) {
            var heads = set.graph().heads();
            if (heads.size() == 1) {
                return set.graph().get(heads.get(0));
            }
        }
        return set.graph().resolve(spec);
    }

    /** Writes a new SQL revision into {@code migrationsDir} under its usual file name. */
    public static Path write(Path migrationsDir, RevisionId id, String message, String text) {
        return write(migrationsDir.resolve(RevisionTemplate.fileName(id, message)), text);
    }

    /** Writes a new revision file (never over an existing one) and returns its path. */
    public static Path write(Path file, String text) {
        Path dir = file.getParent();
        try {
            Files.createDirectories(dir);
            Files.writeString(file, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new StrataException(ErrorCode.FILE_EXISTS, file + " already exists; choose another revision id or message");
        } catch (IOException e) {
            throw new StrataException(ErrorCode.IO_FAILED, "cannot write " + file + ": " + e.getMessage());
        }
        return file;
    }
}
