package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.zip.CRC32C;

/**
 * Computes the CRC32C of a file while it is written, when it is written front to back, or in
 * ranges by {@link #positionalWriter} (from several threads: each range is checksummed by the
 * thread that writes it, and the ranges are joined in file order at the end). A writer that seeks
 * back to patch bytes (a ZIP's local headers), or ranges that overlap or leave a gap, make the
 * checksum unknown; the caller then reads the finished file once instead.
 */
public final class ChecksummingChannel extends ForwardingChannel {
    private static final ThreadLocal<ByteBuffer> READ_BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(1 << 20));

    private final CRC32C crc = new CRC32C();
    private long appended;
    private boolean sequential = true;
    /** The ranges positional writes wrote, in the order they were written. */
    private final List<Range> ranges = new ArrayList<>();

    private record Range(long start, long length, int crc) {
    }

    public ChecksummingChannel(SeekableByteChannel delegate) {
        super(delegate);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        long at = position();
        ByteBuffer view = src.duplicate();
        int n = super.write(src);
        if (sequential && at == appended) {
            view.limit(view.position() + n);
            crc.update(view);
            appended += n;
        } else {
            sequential = false;
        }
        return n;
    }

    /** Checksums each positional write's range on the thread that writes it. */
    @Override
    public Optional<PositionalWriter> positionalWriter() {
        return delegatePositionalWriter().map(below -> (src, position) -> {
            CRC32C range = new CRC32C();
            range.update(src.duplicate());
            int n = src.remaining();
            below.write(src, position);
            if (n > 0) { // an empty range anywhere but at the end would look like a gap
                synchronized (ranges) {
                    ranges.add(new Range(position, n, (int) range.getValue()));
                }
            }
        });
    }

    /** The CRC32C of a whole file. */
    public static int crc32cOf(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return crc32cOf(channel);
        }
    }

    /** The CRC32C of a channel's bytes from position 0, read through one reused direct buffer per thread. */
    public static int crc32cOf(FileChannel channel) throws IOException {
        CRC32C sum = new CRC32C();
        ByteBuffer b = READ_BUFFER.get();
        long pos = 0;
        while (true) {
            b.clear();
            int n = channel.read(b, pos);
            if (n < 0) {
                break;
            }
            pos += n;
            b.flip();
            sum.update(b);
        }
        return (int) sum.getValue();
    }

    /**
     * The CRC32C of everything written, if it was written front to back, or in ranges that
     * follow each other from the start without a gap or an overlap.
     */
    public OptionalInt crc32c() {
        if (!sequential) {
            return OptionalInt.empty();
        }
        List<Range> all;
        synchronized (ranges) {
            if (ranges.isEmpty()) {
                return OptionalInt.of((int) crc.getValue());
            }
            all = new ArrayList<>(ranges);
        }
        if (appended > 0) {
            all.add(new Range(0, appended, (int) crc.getValue()));
        }
        all.sort(Comparator.comparingLong(Range::start));
        int joined = 0; // the CRC32C of no bytes
        long end = 0;
        for (Range r : all) {
            if (r.start() != end) {
                return OptionalInt.empty();
            }
            joined = Crc32cCombination.combine(joined, r.crc(), r.length());
            end += r.length();
        }
        return OptionalInt.of(joined);
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
        synchronized (ranges) {
            if (size < appended || ranges.stream().anyMatch(r -> size < r.start() + r.length())) {
                sequential = false;
            }
        }
        return super.truncate(size);
    }
}
