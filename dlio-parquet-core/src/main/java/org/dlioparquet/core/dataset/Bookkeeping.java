package org.dlioparquet.core.dataset;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of the files a generation keeps in the data folder besides the dataset: per rank a
 * manifest ({@code dlio-parquet-manifest[.rank<r>-of-<P>].json}), a journal while it writes
 * ({@code .dlio-parquet-manifest[.rank<r>-of-<P>].journal}) and a lock
 * ({@code .dlio-parquet[.rank<r>-of-<P>].lock}), and one folder lock that keeps generations of
 * different rank counts apart ({@code .dlio-parquet-ranks.lock}). A name is ours only when it is
 * exactly one of these: {@code dlio-parquet-manifest.json.bak} or {@code .dlio-parquet-notes.lock}
 * are a user's files.
 *
 * @param kind  what the file is
 * @param rank  the rank that writes it (0 for the folder lock)
 * @param ranks the rank count of its generation (1 for the folder lock)
 */
public record Bookkeeping(Kind kind, int rank, int ranks) {
    /** The file kinds. */
    public enum Kind { MANIFEST, JOURNAL, LOCK, FOLDER_LOCK }

    private static final String FOLDER_LOCK_NAME = ".dlio-parquet-ranks.lock";
    private static final String RANK = "(?:\\.rank(0|[1-9][0-9]{0,9})-of-([2-9]|[1-9][0-9]{1,9}))?";
    private static final Pattern MANIFEST = Pattern.compile("dlio-parquet-manifest" + RANK + "\\.json");
    private static final Pattern JOURNAL = Pattern.compile("\\.dlio-parquet-manifest" + RANK + "\\.journal");
    private static final Pattern LOCK = Pattern.compile("\\.dlio-parquet" + RANK + "\\.lock");

    /** The rank part of a name: empty for a single rank, {@code .rank<r>-of-<P>} otherwise. */
    public static String rankSuffix(int rank, int ranks) {
        return ranks == 1 ? "" : ".rank" + rank + "-of-" + ranks;
    }

    public static Path manifestFile(Path root, int rank, int ranks) {
        return root.resolve("dlio-parquet-manifest" + rankSuffix(rank, ranks) + ".json");
    }

    public static Path journalFile(Path root, int rank, int ranks) {
        return root.resolve(".dlio-parquet-manifest" + rankSuffix(rank, ranks) + ".journal");
    }

    public static Path lockFile(Path root, int rank, int ranks) {
        return root.resolve(".dlio-parquet" + rankSuffix(rank, ranks) + ".lock");
    }

    public static Path folderLockFile(Path root) {
        return root.resolve(FOLDER_LOCK_NAME);
    }

    /** What the file named {@code name} is, when it is exactly one of the names above. */
    public static Optional<Bookkeeping> of(String name) {
        if (name.equals(FOLDER_LOCK_NAME)) {
            return Optional.of(new Bookkeeping(Kind.FOLDER_LOCK, 0, 1));
        }
        for (Kind kind : new Kind[] {Kind.MANIFEST, Kind.JOURNAL, Kind.LOCK}) {
            Matcher m = (kind == Kind.MANIFEST ? MANIFEST : kind == Kind.JOURNAL ? JOURNAL : LOCK).matcher(name);
            if (m.matches()) {
                if (m.group(1) == null) {
                    return Optional.of(new Bookkeeping(kind, 0, 1));
                }
                long rank = Long.parseLong(m.group(1));
                long ranks = Long.parseLong(m.group(2));
                if (rank < ranks && ranks <= Integer.MAX_VALUE) {
                    return Optional.of(new Bookkeeping(kind, (int) rank, (int) ranks));
                }
            }
        }
        return Optional.empty();
    }
}
