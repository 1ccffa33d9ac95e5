package org.dlioparquet.core.format.npz;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;

/**
 * Where one ZIP member's bytes are and how they are stored, whichever way the archive was read.
 *
 * @param dataOffset first byte of the member's (compressed) data in the file
 * @param crc        CRC-32 of the uncompressed data, from the central directory
 */
record ZipMember(int method, boolean encrypted, long dataOffset, long compressedSize, long size, long crc) {

    static ZipMember of(ZipArchiveEntry entry) {
        return new ZipMember(entry.getMethod(), entry.getGeneralPurposeBit().usesEncryption(), entry.getDataOffset(),
                entry.getCompressedSize(), entry.getSize(), entry.getCrc());
    }
}
