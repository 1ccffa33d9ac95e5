package org.dlioparquet.core.checkpoint;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.config.TensorDatatype;
import org.dlioparquet.core.spi.SeededContent;

/**
 * The bytes of one checkpoint file: a seeded pseudo-random stream (DLIO's default
 * {@code randomize_tensor: True}), or DLIO's {@code torch.ones} of the file's datatype. The stream
 * is seeded by the run's seed and the file's path in the checkpoint folder, so that every
 * checkpoint, rank and file holds different bytes (nothing for storage to deduplicate) and a
 * later load can check them. Random tensors get random bits whatever their datatype: the file is
 * never decoded, and a float conversion would cost the writer more than the disk does.
 */
final class FileContent {
    /** Bytes of the ones pattern copied at a time, so that a chunk is filled in a few bulk copies. */
    private static final int REPEATED_BYTES = 64 << 10;

    private final long seed;
    private final byte[] pattern;
    /** {@link #pattern} repeated to {@value #REPEATED_BYTES} bytes. */
    private final byte[] repeated;

    private FileContent(long seed, byte[] pattern) {
        this.seed = seed;
        this.pattern = pattern;
        if (pattern == null) {
            this.repeated = null;
        } else {
            this.repeated = new byte[REPEATED_BYTES];
            for (int i = 0; i < REPEATED_BYTES; i += pattern.length) {
                System.arraycopy(pattern, 0, repeated, i, pattern.length);
            }
        }
    }

    /** @param path the file's path in the checkpoint folder ({@code global_epoch1_step1/model_0_model_states.pt}) */
    static FileContent seeded(long runSeed, String path) {
        return new FileContent(SeededContent.mix(runSeed, fnv1a(path)), null);
    }

    static FileContent ones(TensorDatatype datatype) {
        return new FileContent(0, datatype.one());
    }

    /** True when every chunk holds the same bytes (ones), which then need filling only once. */
    boolean constant() {
        return pattern != null;
    }

    /**
     * Fills {@code len} bytes of {@code dst} from its position with the file's bytes from
     * {@code offset}, a multiple of 8.
     */
    void fill(ByteBuffer dst, long offset, int len) {
        if (offset % 8 != 0) {
            throw new IllegalArgumentException("offset " + offset + " is not a multiple of 8");
        }
        ByteBuffer target = dst.duplicate();
        target.limit(target.position() + len);
        if (pattern == null) {
            SeededContent.startingAt(seed, offset / 8).fill(target, ElementType.UINT8);
            return;
        }
        // 8 is a multiple of every datatype's size, so a pattern starts afresh at every offset used
        while (target.hasRemaining()) {
            target.put(repeated, 0, Math.min(repeated.length, target.remaining()));
        }
    }

    private static long fnv1a(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
