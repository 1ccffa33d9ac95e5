package org.dlioparquet.core.format.parquet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.dlioparquet.core.spi.SampleSink;

/**
 * The consecutive fixed-width elements of one list row, handed to the sink as one piece as
 * {@link DecodedLeaf} does: a view of the page while they lie in one run of it, otherwise gathered
 * into a reused array (dictionary entries, booleans, 8- and 16-bit integers kept in INT32s, a row
 * that goes on in the next page). Not thread-safe: one per leaf.
 */
final class ElementRun {
    private final int pieceWidth;
    private final long maxValueBytes;
    private byte[] scratch = new byte[0];
    private ByteBuffer scratchView;
    private int bytes;
    // a run not copied yet: bytes [from, to) of base
    private ByteBuffer base;
    private int from;
    private int to;
    /** A view of the last base handed out, and that base. */
    private ByteBuffer view;
    private ByteBuffer viewOf;

    /** @param pieceWidth bytes delivered per element */
    ElementRun(int pieceWidth, long maxValueBytes) {
        this.pieceWidth = pieceWidth;
        this.maxValueBytes = maxValueBytes;
    }

    /** Adds fixed-width values {@code v .. v+n-1} of {@code pg} to the run. */
    void append(DecodedPage pg, int v, int n) throws CorruptDataException {
        int w = pg.width;
        if (pg.ids == null && w == pieceWidth) {
            int start = pg.baseOffset + v * w;
            int end = start + n * w;
            if (bytes == 0 && base == null) {
                base = pg.base;
                from = start;
                to = end;
                return;
            }
            if (base == pg.base && to == start) {
                to = end;
                return;
            }
        }
        keep();
        int pw = pieceWidth;
        room((long) bytes + (long) n * pw);
        byte[] out = scratch;
        int at = bytes;
        if (pg.ids != null) {
            // dictionary entries or booleans: both on the heap
            byte[] src = pg.base.array();
            int[] ids = pg.ids;
            if (pw == 1) {
                for (int i = 0; i < n; i++) {
                    out[at + i] = src[ids[v + i] * w];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    System.arraycopy(src, ids[v + i] * w, out, at + i * pw, pw);
                }
            }
        } else if (pw == w) {
            pg.base.get(pg.baseOffset + v * w, out, at, n * w);
        } else {
            ByteBuffer src = pg.base;
            int off = pg.baseOffset + v * w;
            if (pw == 1) {
                for (int i = 0; i < n; i++) {
                    out[at + i] = src.get(off + i * w);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    src.get(off + i * w, out, at + i * pw, pw);
                }
            }
        }
        bytes = at + n * pw;
    }

    /** Copies a run still viewed in its page into the array: the page is about to go. */
    void keep() throws CorruptDataException {
        if (base != null) {
            int n = to - from;
            room((long) bytes + n);
            base.get(from, scratch, bytes, n);
            bytes += n;
            base = null;
        }
    }

    private void room(long needed) throws CorruptDataException {
        if (needed > scratch.length || scratchView == null) {
            if (needed > maxValueBytes || needed > Integer.MAX_VALUE - 8) {
                throw new CorruptDataException("a row's values take more than " + maxValueBytes
                        + " bytes (the reader's maxValueBytes)");
            }
            byte[] bigger = new byte[(int) Math.min(Math.max(Math.max(needed, 256), scratch.length * 2L),
                    Integer.MAX_VALUE - 8)];
            System.arraycopy(scratch, 0, bigger, 0, bytes);
            scratch = bigger;
            scratchView = ByteBuffer.wrap(scratch).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** Hands the run so far to the sink as one piece, if it holds any element, and starts a new one. */
    void flush(int sample, int column, SampleSink sink) {
        if (base != null) {
            if (viewOf != base) {
                view = base.duplicate().order(ByteOrder.LITTLE_ENDIAN);
                viewOf = base;
            }
            sink.accept(sample, column, view.clear().limit(to).position(from));
            base = null;
        } else if (bytes > 0) {
            sink.accept(sample, column, scratchView.limit(bytes).position(0));
        }
        bytes = 0;
    }

    /** Forgets the run and the page it viewed. */
    void clear() {
        base = null;
        view = null;
        viewOf = null;
        bytes = 0;
    }
}
