package org.dlioparquet.core.spi;

import java.util.List;
import java.util.Objects;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.Split;

/**
 * Everything a generator needs to write one file, and nothing it may not depend on: two runs that
 * produce equal specs must produce identical bytes, whatever thread or rank writes the file.
 *
 * @param relativePath  path below the data folder, with {@code /} separators
 * @param split         train or eval
 * @param index         index of the file within its split
 * @param globalIndex   index over both splits (train first), the unit of rank sharding
 * @param sampleShape   shape of every sample of this file ({@code (d1, d2)} or {@code record_dims})
 * @param numSamples    samples (rows) in the file
 * @param seed          seed of this file's contents; see {@link SeededContent}
 */
public record FileSpec(String relativePath, Split split, int index, long globalIndex, List<Integer> sampleShape,
                       int numSamples, long seed) {
    public FileSpec {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(split, "split");
        sampleShape = List.copyOf(sampleShape);
    }

    /** Elements of one sample: the product of the shape. */
    public long sampleElements() {
        long n = 1;
        for (int d : sampleShape) {
            n *= d;
        }
        return n;
    }

    public long sampleBytes(ElementType type) {
        return sampleElements() * type.size();
    }

    /** Seed of sample {@code k}'s own content stream. */
    public long sampleSeed(int k) {
        return SeededContent.mix(seed, k);
    }

    /** The file name without folders. */
    public String fileName() {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? relativePath : relativePath.substring(slash + 1);
    }
}
