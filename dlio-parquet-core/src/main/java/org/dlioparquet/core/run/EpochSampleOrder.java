package org.dlioparquet.core.run;

import org.dlioparquet.core.config.Shuffle;
import org.dlioparquet.core.spi.SeededContent;

/**
 * Which samples one rank reads in one epoch, and in which order.
 *
 * <p>The epoch's global sequence is the files in (possibly shuffled) order, each file's samples in
 * row order. Rank {@code r} of {@code P} owns positions {@code [r*S, (r+1)*S)} with
 * {@code S = floor(total / P)}, optionally shuffled within that range, and reads the first
 * {@code steps * batch} of them. Every rank gets the same number of steps,
 * {@code floor(total / batch / P)} (DLIO's formula without its file trimming), and no sample is
 * read twice in an epoch; when {@code total} is a multiple of {@code batch * P} every sample is
 * read exactly once.
 */
final class EpochSampleOrder {
    private final int samplesPerFile;
    private final long rankStart;
    private final long samplesPerRank;
    private final int batchSize;
    private final Permutation files;
    private final Permutation samples;

    /**
     * @param epochSeed the shuffle seed of this epoch ({@code seed + epoch} or {@code seed}); the
     *                  file order depends only on it, so all ranks agree on it
     */
    EpochSampleOrder(long files, int samplesPerFile, int rank, int ranks, int batchSize, Shuffle fileShuffle,
                     Shuffle sampleShuffle, long epochSeed) {
        this.samplesPerFile = samplesPerFile;
        long total = files * samplesPerFile;
        this.samplesPerRank = total / ranks;
        this.rankStart = rank * samplesPerRank;
        this.batchSize = batchSize;
        this.files = fileShuffle == Shuffle.OFF ? Permutation.identity(files)
                : Permutation.shuffled(files, SeededContent.mix(epochSeed, -1));
        this.samples = sampleShuffle == Shuffle.OFF ? Permutation.identity(samplesPerRank)
                : Permutation.shuffled(samplesPerRank, SeededContent.mix(epochSeed, rank));
    }

    /** Steps this rank runs in a full epoch. */
    long steps() {
        return samplesPerRank / batchSize;
    }

    int batchSize() {
        return batchSize;
    }

    /** Index (within its split) of the file of the {@code k}-th sample this rank reads. */
    long fileOf(long k) {
        return fileAt(position(k));
    }

    /** Row within its file of the {@code k}-th sample this rank reads. */
    int rowOf(long k) {
        return rowAt(position(k));
    }

    /** Global sample id (file index × samples per file + row) of the {@code k}-th sample. */
    long sampleId(long k) {
        long p = position(k);
        return fileAt(p) * samplesPerFile + rowAt(p);
    }

    /** Receives the runs of samples of a range: {@code length} consecutive rows of one file. */
    @FunctionalInterface
    interface RunVisitor<E extends Exception> {
        void visit(long file, int row, int length) throws E;
    }

    /**
     * Visits samples {@code first .. first+count-1} in reading order, as runs: with {@code coalesce}
     * consecutive rows of one file form one run (one read call), otherwise every sample is a run of
     * its own. Shuffles each sample's position once, however it is used.
     */
    <E extends Exception> void forEachRun(long first, int count, boolean coalesce, RunVisitor<E> visitor) throws E {
        long end = first + count;
        long k = first;
        long pos = count > 0 ? position(k) : 0;
        while (k < end) {
            int row = rowAt(pos);
            int length = 1;
            long next = k + 1 < end ? position(k + 1) : 0;
            if (coalesce) {
                // the next sample extends the run when it is the next row of the same file
                while (k + length < end && next == pos + length && row + length < samplesPerFile) {
                    length++;
                    next = k + length < end ? position(k + length) : 0;
                }
            }
            visitor.visit(fileAt(pos), row, length);
            k += length;
            pos = next;
        }
    }

    /** Where the {@code k}-th sample of this rank is in the epoch's sequence of file slots and rows. */
    private long position(long k) {
        return rankStart + samples.apply(k);
    }

    private long fileAt(long position) {
        return files.apply(position / samplesPerFile);
    }

    private int rowAt(long position) {
        return (int) (position % samplesPerFile);
    }
}
