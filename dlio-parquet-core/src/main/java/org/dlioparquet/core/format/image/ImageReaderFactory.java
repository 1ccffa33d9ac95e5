package org.dlioparquet.core.format.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.storage.Closeables;
import org.dlioparquet.core.storage.ReadChannels;

/** Opens image files; each open gets its own decoder and a buffer the size of the file. */
final class ImageReaderFactory implements FormatReader {
    private final ImageCodec codec;
    private final ImageColumn column;
    private final ReaderSettings settings;

    ImageReaderFactory(ImageCodec codec, ReaderSettings settings) {
        this.codec = codec;
        this.column = ImageColumn.of(settings.columns());
        this.settings = settings;
    }

    @Override
    public SampleFile open(Path file) throws IOException {
        FileChannel channel = ReadChannels.open(file, settings);
        try {
            long size = channel.size();
            if (size == 0) {
                throw new DataFileException(file, "empty file (0 bytes), not a " + codec.imageIoName() + " image");
            }
            if (size > settings.maxValueBytes()) {
                throw new DataFileException(file, "image file of " + size + " bytes is larger than the reader's limit "
                        + "of " + settings.maxValueBytes() + " for one value");
            }
            return new ImageSampleFile(file, channel, codec, column, decoder(), ByteBuffer.allocate((int) size));
        } catch (Throwable e) { // Errors too: the channel must not leak
            Closeables.closeAfterFailure(e, channel);
            throw e;
        }
    }

    private ImageReader decoder() throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(codec.imageIoName());
        if (!readers.hasNext()) {
            throw new IOException("this JVM has no " + codec.imageIoName() + " image reader (javax.imageio)");
        }
        return readers.next();
    }
}
