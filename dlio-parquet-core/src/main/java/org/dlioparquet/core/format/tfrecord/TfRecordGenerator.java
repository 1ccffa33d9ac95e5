package org.dlioparquet.core.format.tfrecord;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.util.zip.CRC32C;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.spi.FileGenerator;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.SeededContent;
import org.dlioparquet.core.storage.NonClosingChannel;

/**
 * Writes DLIO's TFRecord file ({@code tf_generator.py}): one {@code tf.train.Example} per sample,
 * framed as {@code tf.io.TFRecordWriter} frames it (no compression). The image bytes are streamed
 * in blocks, so memory stays one block whatever the sample size.
 */
final class TfRecordGenerator implements FileGenerator {
    private static final int BLOCK = 1 << 20;
    private static final int OUTPUT_BUFFER = 1 << 20;

    private final ElementType type;

    TfRecordGenerator(ElementType type) {
        this.type = type;
    }

    @Override
    public void write(FileSpec spec, SeekableByteChannel out) throws IOException {
        long imageBytes = spec.sampleBytes(type);
        ExampleCodec.Layout layout = ExampleCodec.layout(imageBytes, imageBytes);
        ByteBuffer header = TfRecordFraming.header(layout.payloadLength());
        byte[] block = new byte[(int) Math.min(BLOCK, Math.max(8, (imageBytes + 7) & ~7L))];
        byte[] footer = new byte[4];
        ByteBuffer footerView = ByteBuffer.wrap(footer).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        // not closed: the channel belongs to the caller
        OutputStream stream = new BufferedOutputStream(Channels.newOutputStream(new NonClosingChannel(out)),
                OUTPUT_BUFFER);
        for (int k = 0; k < spec.numSamples(); k++) {
            stream.write(header.array());
            crc.reset();
            stream.write(layout.prefix());
            crc.update(layout.prefix());
            SeededContent content = new SeededContent(spec.sampleSeed(k));
            for (long done = 0; done < imageBytes; ) {
                int len = (int) Math.min(block.length, imageBytes - done);
                content.fill(block, 0, len, type);
                stream.write(block, 0, len);
                crc.update(block, 0, len);
                done += len;
            }
            stream.write(layout.suffix());
            crc.update(layout.suffix());
            footerView.putInt(0, TfRecordFraming.mask((int) crc.getValue()));
            stream.write(footer);
        }
        stream.flush();
    }
}
