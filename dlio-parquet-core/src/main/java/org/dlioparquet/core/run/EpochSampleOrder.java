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
        return files.apply(position(k) / samplesPerFile);
    }

    /** Row within its file of the {@code k}-th sample this rank reads. */
    int rowOf(long k) {
        return (int) (position(k) % samplesPerFile);
    }

    /** Global sample id (file index × samples per file + row) of the {@code k}-th sample. */
    long sampleId(long k) {
        return fileOf(k) * samplesPerFile + rowOf(k);
    }

    private long position(long k) {
        return rankStart + samples.apply(k);
    }
}
