package org.dlioparquet.core.format.tfrecord;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code tf.train.Example} DLIO writes for a sample, encoded by hand (protobuf wire format):
 * feature {@code image} = a BytesList with the sample's bytes, feature {@code size} = an Int64List
 * with the sample's byte count. Encoding splits the payload into the bytes before the image, the
 * image, and the bytes after it, so a generator streams the image without holding the record.
 * Decoding walks any Example (features in any order, unknown fields skipped) to find the image.
 */
final class ExampleCodec {
    static final String IMAGE = "image";
    static final String SIZE = "size";
    private static final int LENGTH_DELIMITED = 2;
    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int FIXED32 = 5;

    private ExampleCodec() {
    }

    /** The bytes of an Example payload around an image of {@code imageBytes} bytes. */
    record Layout(byte[] prefix, long imageBytes, byte[] suffix) {
        long payloadLength() {
            return prefix.length + imageBytes + suffix.length;
        }
    }

    /** Example{features{feature{"image": bytes_list{value: [image]}}, feature{"size": int64_list{value: [size]}}}}. */
    static Layout layout(long imageBytes, long size) {
        long bytesList = 1 + varintLength(imageBytes) + imageBytes;
        long imageFeature = 1 + varintLength(bytesList) + bytesList;
        byte[] imageKey = IMAGE.getBytes(StandardCharsets.US_ASCII);
        long imageEntry = 1 + varintLength(imageKey.length) + imageKey.length + 1 + varintLength(imageFeature)
                + imageFeature;

        ByteArrayOutputStream sizeEntry = new ByteArrayOutputStream();
        byte[] sizeKey = SIZE.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        varint(packed, size);
        ByteArrayOutputStream int64List = new ByteArrayOutputStream();
        lengthDelimited(int64List, 1, packed.toByteArray()); // packed repeated int64
        ByteArrayOutputStream sizeFeature = new ByteArrayOutputStream();
        lengthDelimited(sizeFeature, 3, int64List.toByteArray()); // Feature.int64_list
        lengthDelimited(sizeEntry, 1, sizeKey);
        lengthDelimited(sizeEntry, 2, sizeFeature.toByteArray());
        ByteArrayOutputStream suffix = new ByteArrayOutputStream();
        lengthDelimited(suffix, 1, sizeEntry.toByteArray()); // Features.feature map entry

        long features = 1 + varintLength(imageEntry) + imageEntry + suffix.size();
        ByteArrayOutputStream prefix = new ByteArrayOutputStream();
        tag(prefix, 1, LENGTH_DELIMITED); // Example.features
        varint(prefix, features);
        tag(prefix, 1, LENGTH_DELIMITED); // Features.feature map entry for "image"
        varint(prefix, imageEntry);
        lengthDelimited(prefix, 1, imageKey);
        tag(prefix, 2, LENGTH_DELIMITED); // entry value: Feature
        varint(prefix, imageFeature);
        tag(prefix, 1, LENGTH_DELIMITED); // Feature.bytes_list
        varint(prefix, bytesList);
        tag(prefix, 1, LENGTH_DELIMITED); // BytesList.value
        varint(prefix, imageBytes);
        return new Layout(prefix.toByteArray(), imageBytes, suffix.toByteArray());
    }

    /** Where the image bytes are in a payload, and the feature names found. */
    record Image(int offset, int length) {
    }

    /**
     * Finds the single value of the {@code image} feature in the Example held by {@code payload}
     * (absolute positions {@code [position, limit)}).
     *
     * @throws MalformedRecordException when the bytes are not an Example with one image value
     */
    static Image findImage(ByteBuffer payload) throws MalformedRecordException {
        Reader example = new Reader(payload, payload.position(), payload.limit());
        Image found = null;
        List<String> names = new ArrayList<>();
        while (example.more()) {
            int tag = example.tag();
            if (tag >>> 3 != 1 || (tag & 7) != LENGTH_DELIMITED) {
                example.skip(tag);
                continue;
            }
            Reader features = example.message();
            while (features.more()) {
                int ftag = features.tag();
                if (ftag >>> 3 != 1 || (ftag & 7) != LENGTH_DELIMITED) {
                    features.skip(ftag);
                    continue;
                }
                Reader entry = features.message();
                String key = null;
                Reader value = null;
                while (entry.more()) {
                    int etag = entry.tag();
                    if (etag == (1 << 3 | LENGTH_DELIMITED)) {
                        key = entry.string();
                    } else if (etag == (2 << 3 | LENGTH_DELIMITED)) {
                        value = entry.message();
                    } else {
                        entry.skip(etag);
                    }
                }
                names.add(key == null ? "?" : key);
                if (IMAGE.equals(key)) {
                    if (found != null) {
                        throw new MalformedRecordException("feature 'image' appears twice");
                    }
                    found = imageValue(value);
                }
            }
        }
        if (found == null) {
            throw new MalformedRecordException("no 'image' feature (features: "
                    + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
        }
        return found;
    }

    /**
     * Finds images record after record, learning the layout of the file's records: once one record
     * was walked and turned out to be exactly the Example {@link #layout} encodes (the one DLIO
     * writes), a record of the same length with the same bytes before and after its image is that
     * Example too, and its image is taken without walking it. Anything else is walked. Not thread-safe.
     */
    static final class ImageFinder {
        private Layout known;

        Image find(ByteBuffer payload) throws MalformedRecordException {
            int start = payload.position();
            int length = payload.remaining();
            Layout l = known;
            if (l != null && l.payloadLength() == length && surrounds(l, payload, start, length)) {
                return new Image(start + l.prefix().length, (int) l.imageBytes());
            }
            Image image = findImage(payload);
            Layout candidate = layout(image.length(), image.length());
            if (candidate.payloadLength() == length && image.offset() - start == candidate.prefix().length
                    && surrounds(candidate, payload, start, length)) {
                known = candidate;
            }
            return image;
        }

        private static boolean surrounds(Layout l, ByteBuffer payload, int start, int length) {
            return same(payload, start, l.prefix()) && same(payload, start + length - l.suffix().length, l.suffix());
        }

        private static boolean same(ByteBuffer buf, int at, byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                if (buf.get(at + i) != bytes[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private static Image imageValue(Reader feature) throws MalformedRecordException {
        if (feature == null) {
            throw new MalformedRecordException("feature 'image' has no value");
        }
        Image value = null;
        while (feature.more()) {
            int tag = feature.tag();
            if (tag != (1 << 3 | LENGTH_DELIMITED)) {
                if (tag >>> 3 == 2 || tag >>> 3 == 3) {
                    throw new MalformedRecordException("feature 'image' is a " + (tag >>> 3 == 2 ? "float" : "int64")
                            + " list, not a bytes list");
                }
                feature.skip(tag);
                continue;
            }
            Reader list = feature.message();
            while (list.more()) {
                int ltag = list.tag();
                if (ltag != (1 << 3 | LENGTH_DELIMITED)) {
                    list.skip(ltag);
                    continue;
                }
                int len = list.length();
                if (value != null) {
                    throw new MalformedRecordException("feature 'image' holds more than one value");
                }
                value = new Image(list.pos, len);
                list.pos += len;
            }
        }
        if (value == null) {
            throw new MalformedRecordException("feature 'image' holds no bytes value");
        }
        return value;
    }

    static int varintLength(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    private static void tag(ByteArrayOutputStream out, int field, int wireType) {
        out.write(field << 3 | wireType);
    }

    private static void lengthDelimited(ByteArrayOutputStream out, int field, byte[] bytes) {
        tag(out, field, LENGTH_DELIMITED);
        varint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** A bounded protobuf field reader over absolute positions of a buffer. */
    private static final class Reader {
        private final ByteBuffer buf;
        private final int end;
        private int pos;

        Reader(ByteBuffer buf, int pos, int end) {
            this.buf = buf;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        int tag() throws MalformedRecordException {
            long t = varint();
            if (t >>> 3 == 0 || t > Integer.MAX_VALUE) {
                throw new MalformedRecordException("invalid protobuf field tag " + t + " at payload byte " + pos);
            }
            return (int) t;
        }

        long varint() throws MalformedRecordException {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new MalformedRecordException("protobuf varint runs past the end of its message");
                }
                byte b = buf.get(pos++);
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
            throw new MalformedRecordException("protobuf varint longer than 10 bytes");
        }

        int length() throws MalformedRecordException {
            long len = varint();
            if (len < 0 || len > end - pos) {
                throw new MalformedRecordException("protobuf field of " + len + " bytes runs past the end of its "
                        + "message (" + (end - pos) + " bytes left)");
            }
            return (int) len;
        }

        Reader message() throws MalformedRecordException {
            int len = length();
            Reader r = new Reader(buf, pos, pos + len);
            pos += len;
            return r;
        }

        String string() throws MalformedRecordException {
            int len = length();
            byte[] b = new byte[Math.min(len, 64)];
            buf.get(pos, b);
            pos += len;
            return new String(b, StandardCharsets.UTF_8) + (len > 64 ? "..." : "");
        }

        void skip(int tag) throws MalformedRecordException {
            switch (tag & 7) {
                case VARINT -> varint();
                case FIXED64 -> advance(8);
                case LENGTH_DELIMITED -> advance(length());
                case FIXED32 -> advance(4);
                default -> throw new MalformedRecordException("unsupported protobuf wire type " + (tag & 7));
            }
        }

        private void advance(int n) throws MalformedRecordException {
            if (n > end - pos) {
                throw new MalformedRecordException("protobuf field runs past the end of its message");
            }
            pos += n;
        }
    }

    /** The payload is not the Example the reader expects; the caller adds the file and record. */
    static final class MalformedRecordException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedRecordException(String message) {
            super(message);
        }
    }
}
