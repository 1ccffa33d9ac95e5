package org.dlioparquet.core.format.image;

import org.dlioparquet.core.FormatType;

/** DLIO's {@code png} format: {@code img.save(path, 'PNG')} of a grayscale noise image. */
public final class PngFormatProvider extends ImageFormatProvider {
    public PngFormatProvider() {
        super(ImageCodec.PNG);
    }

    @Override
    public FormatType format() {
        return FormatType.PNG;
    }
}
