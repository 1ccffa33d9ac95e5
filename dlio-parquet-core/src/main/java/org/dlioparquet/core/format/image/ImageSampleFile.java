package org.dlioparquet.core.format.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.format.npy.ReadCounter;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;

/**
 * One image file, one sample: the whole file is read with positional reads and its structure
 * checked; the sample is the file's bytes, or with decoding the image's pixels (8-bit grayscale:
 * {@code height × width} bytes), as DLIO's {@code image_reader} gets from PIL.
 */
final class ImageSampleFile implements SampleFile {
    private final Path path;
    private final FileChannel channel;
    private final ImageCodec codec;
    private final ImageColumn column;
    private final ImageReader decoder;
    private final ReadCounter counter = new ReadCounter();
    private final ByteBuffer bytes;
    private boolean loaded;

    ImageSampleFile(Path path, FileChannel channel, ImageCodec codec, ImageColumn column, ImageReader decoder,
                    ByteBuffer buffer) {
        this.path = path;
        this.channel = channel;
        this.codec = codec;
        this.column = column;
        this.decoder = decoder;
        this.bytes = buffer;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public int sampleCount() {
        return 1;
    }

    @Override
    public List<String> columns() {
        return List.of(column.columnName());
    }

    @Override
    public void read(int first, int count, SampleSink sink) throws IOException {
        if (first < 0 || count < 0 || (long) first + count > 1) {
            throw new IndexOutOfBoundsException("samples " + first + ".." + ((long) first + count - 1)
                    + " of an image file, which holds one");
        }
        if (count == 0) {
            return;
        }
        load();
        if (column == ImageColumn.BYTES) {
            sink.accept(0, 0, bytes.duplicate().position(0));
            return;
        }
        sink.accept(0, 0, decode());
    }

    /** Reads the whole file once per open and checks its structure. */
    private void load() throws IOException {
        if (loaded) {
            return;
        }
        bytes.clear();
        while (bytes.hasRemaining()) {
            int n = channel.read(bytes, bytes.position());
            if (n < 0) {
                throw new DataFileException(path, "file ends at byte " + bytes.position() + " while it was read "
                        + "(truncated while reading?)");
            }
            counter.add(n);
        }
        bytes.flip();
        String problem = ImageStructure.problem(codec, bytes);
        if (problem != null) {
            throw new DataFileException(path, problem);
        }
        loaded = true;
    }

    private ByteBuffer decode() throws DataFileException {
        BufferedImage image;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes.array(),
                bytes.arrayOffset(), bytes.limit()))) {
            decoder.setInput(in, true, true);
            image = decoder.read(0);
        } catch (IOException | RuntimeException e) { // decoders throw both for damaged data
            throw new DataFileException(path, "cannot decode the " + codec.imageIoName() + " image: "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
        } finally {
            decoder.setInput(null);
        }
        DataBuffer data = image.getRaster().getDataBuffer();
        if (data instanceof DataBufferByte b && b.getNumBanks() == 1) {
            return ByteBuffer.wrap(b.getData());
        }
        // 16-bit or packed images from other programs: their samples, little-endian
        int[] samples = image.getRaster().getPixels(0, 0, image.getWidth(), image.getHeight(), (int[]) null);
        int width = DataBuffer.getDataTypeSize(data.getDataType()) > 8 ? 2 : 1;
        ByteBuffer out = ByteBuffer.allocate(samples.length * width).order(ByteOrder.LITTLE_ENDIAN);
        for (int s : samples) {
            if (width == 2) {
                out.putShort((short) s);
            } else {
                out.put((byte) s);
            }
        }
        return out.flip();
    }

    @Override
    public long bytesRead() {
        return counter.bytes();
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            decoder.dispose();
        }
    }
}
