package org.dlioparquet.core.format.npz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class ZipRecordsTest {

    /** 10 bytes, an end record with a 5-byte comment, and {@code trailing} more bytes. */
    private static ByteBuffer tail(int trailing) {
        ByteBuffer b = ByteBuffer.allocate(10 + ZipRecords.EOCD_SIZE + 5 + trailing).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(10, ZipRecords.EOCD_SIG).putShort(10 + 20, (short) 5);
        return b;
    }

    @Test
    void findsTheEndRecordWhoseCommentEndsTheFileOrOnlyFitsInIt() {
        assertThat(ZipRecords.endRecord(tail(0), true)).isEqualTo(10);
        assertThat(ZipRecords.endRecord(tail(0), false)).isEqualTo(10);
        assertThat(ZipRecords.endRecord(tail(3), true)).isEqualTo(-1);
        assertThat(ZipRecords.endRecord(tail(3), false)).isEqualTo(10);
        ByteBuffer cut = tail(0);
        cut.limit(cut.limit() - 1); // the comment runs past the end
        assertThat(ZipRecords.endRecord(cut, false)).isEqualTo(-1);
    }
}
