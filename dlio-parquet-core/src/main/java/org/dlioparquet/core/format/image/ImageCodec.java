package org.dlioparquet.core.format.image;

/** The two image formats DLIO writes, with what differs between them. */
enum ImageCodec {
    JPEG("jpeg", "jpg"),
    PNG("png", "png");

    /** PIL's default JPEG quality (75), which DLIO's {@code img.save(..., 'JPEG')} uses. */
    static final float PIL_JPEG_QUALITY = 0.75f;

    private final String imageIoName;
    private final String shortExtension;

    ImageCodec(String imageIoName, String shortExtension) {
        this.imageIoName = imageIoName;
        this.shortExtension = shortExtension;
    }

    /** The format name {@code javax.imageio} knows. */
    String imageIoName() {
        return imageIoName;
    }

    /** The usual short extension, also read ({@code .jpg}). */
    String shortExtension() {
        return shortExtension;
    }
}
