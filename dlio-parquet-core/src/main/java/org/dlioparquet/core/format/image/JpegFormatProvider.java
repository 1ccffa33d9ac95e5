package org.dlioparquet.core.format.image;

import org.dlioparquet.core.FormatType;

/** DLIO's {@code jpeg} format: {@code img.save(path, 'JPEG')} of a grayscale noise image (quality 75). */
public final class JpegFormatProvider extends ImageFormatProvider {
    public JpegFormatProvider() {
        super(ImageCodec.JPEG);
    }

    @Override
    public FormatType format() {
        return FormatType.JPEG;
    }
}
