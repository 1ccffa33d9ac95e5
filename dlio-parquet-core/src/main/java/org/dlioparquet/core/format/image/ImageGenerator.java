package org.dlioparquet.core.format.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.spi.FileGenerator;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.SeededContent;
import org.dlioparquet.core.storage.NonClosingChannel;

/**
 * Writes DLIO's image file: {@code PIL.Image.fromarray(np.random.randint(255, (d1, d2), uint8))}
 * saved as JPEG (quality 75, PIL's default) or PNG, an 8-bit grayscale image {@code d2} wide and
 * {@code d1} high with pixels 0..254. Pixels come from the file's seeded stream (DLIO reseeds the
 * legacy NumPy generator with 10 on every rank, so its ranks repeat one stream; ours differ per file).
 */
final class ImageGenerator implements FileGenerator {
    private static final int OUTPUT_BUFFER = 256 << 10;

    private final ImageCodec codec;

    ImageGenerator(ImageCodec codec) {
        this.codec = codec;
    }

    @Override
    public void write(FileSpec spec, SeekableByteChannel out) throws IOException {
        int height = spec.sampleShape().get(0);
        int width = spec.sampleShape().get(1);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        new SeededContent(spec.sampleSeed(0)).fill(pixels, 0, pixels.length, ElementType.UINT8);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (((pixels[i] & 0xFF) * 255) >>> 8); // randint(255): 0..254
        }
        ImageWriter writer = writer();
        // not closed: the channel belongs to the caller
        OutputStream stream = new BufferedOutputStream(Channels.newOutputStream(new NonClosingChannel(out)),
                OUTPUT_BUFFER);
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(stream)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (codec == ImageCodec.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(ImageCodec.PIL_JPEG_QUALITY);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        stream.flush();
    }

    private ImageWriter writer() throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(codec.imageIoName());
        if (!writers.hasNext()) {
            throw new IOException("this JVM has no " + codec.imageIoName() + " image writer (javax.imageio)");
        }
        return writers.next();
    }
}
