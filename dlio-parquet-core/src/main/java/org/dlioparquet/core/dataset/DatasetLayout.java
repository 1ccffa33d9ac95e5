package org.dlioparquet.core.dataset;

import java.util.ArrayList;
import java.util.List;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.config.DatasetConfig;

/**
 * DLIO's file names: {@code <split>/[<subfolder>/]<prefix>_<i>_of_<N>.<ext>}, {@code i} zero-padded
 * to the digits of {@code N}, subfolder {@code i % num_subfolders} (padded to the digits of the
 * subfolder count) when there are more than one.
 */
public final class DatasetLayout {
    private final String prefix;
    private final String extension;
    private final int filesTrain;
    private final int filesEval;
    private final int subfoldersTrain;
    private final int subfoldersEval;

    public DatasetLayout(DatasetConfig dataset, String extension) {
        this(dataset.filePrefix(), extension, dataset.numFilesTrain(), dataset.numFilesEval(),
                dataset.numSubfoldersTrain(), dataset.numSubfoldersEval());
    }

    DatasetLayout(String prefix, String extension, int filesTrain, int filesEval, int subfoldersTrain,
                  int subfoldersEval) {
        this.prefix = prefix;
        this.extension = extension;
        this.filesTrain = filesTrain;
        this.filesEval = filesEval;
        this.subfoldersTrain = subfoldersTrain;
        this.subfoldersEval = subfoldersEval;
    }

    public int fileCount(Split split) {
        return split == Split.TRAIN ? filesTrain : filesEval;
    }

    public int subfolders(Split split) {
        return split == Split.TRAIN ? subfoldersTrain : subfoldersEval;
    }

    public String extension() {
        return extension;
    }

    /** Path of file {@code index} of {@code split}, relative to the data folder, with {@code /}. */
    public String relativePath(Split split, int index) {
        int n = fileCount(split);
        String name = fileName(index, n);
        int sub = subfolders(split);
        if (sub > 1) {
            return split.folder() + "/" + pad(index % sub, digits(sub)) + "/" + name;
        }
        return split.folder() + "/" + name;
    }

    /** Name of file {@code index} of {@code count}, without folders. */
    public String fileName(int index, int count) {
        return prefix + "_" + pad(index, digits(count)) + "_of_" + count + "." + extension;
    }

    /** The index of the file named {@code fileName} in {@code split}, or -1 when the name is not one of its files. */
    public long indexOf(String fileName, Split split) {
        int n = fileCount(split);
        String start = prefix + "_";
        String end = "_of_" + n + "." + extension;
        if (!fileName.startsWith(start) || !fileName.endsWith(end)) {
            return -1;
        }
        String digits = fileName.substring(start.length(), fileName.length() - end.length());
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 10) {
            return -1;
        }
        long i = Long.parseLong(digits);
        return i < n && fileName(Math.toIntExact(i), n).equals(fileName) ? i : -1;
    }

    /**
     * The index of the file named {@code fileName} found in {@code folder} (one of {@link #folders}),
     * or -1 when no file of {@code split} has that name in that folder: a name DLIO would not
     * write, or a file in another file's subfolder.
     */
    public long indexIn(String folder, String fileName, Split split) {
        long i = indexOf(fileName, split);
        return i >= 0 && relativePath(split, (int) i).equals(folder + "/" + fileName) ? i : -1;
    }

    /**
     * The folders holding a split's files, relative to the data folder with {@code /}: the split's
     * own folder ({@code train}), or each of its subfolders ({@code train/0}, {@code train/1}, ...).
     */
    public List<String> folders(Split split) {
        String[] subs = subfolderNames(split);
        if (subs.length == 0) {
            return List.of(split.folder());
        }
        List<String> out = new ArrayList<>(subs.length);
        for (String sub : subs) {
            out.add(split.folder() + "/" + sub);
        }
        return out;
    }

    /** Subfolder names of a split ({@code 0}, {@code 1}, ...); empty when files sit directly in it. */
    public String[] subfolderNames(Split split) {
        int sub = subfolders(split);
        if (sub <= 1) {
            return new String[0];
        }
        String[] names = new String[sub];
        for (int i = 0; i < sub; i++) {
            names[i] = pad(i, digits(sub));
        }
        return names;
    }

    private static int digits(int n) {
        return Integer.toString(n).length();
    }

    private static String pad(int value, int width) {
        String s = Integer.toString(value);
        if (s.length() >= width) {
            return s;
        }
        return "0".repeat(width - s.length()) + s;
    }
}
