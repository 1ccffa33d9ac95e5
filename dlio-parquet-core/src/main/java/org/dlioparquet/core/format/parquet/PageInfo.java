package org.dlioparquet.core.format.parquet;

import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.DictionaryPageHeader;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;

/**
 * What the page decoder needs of a page header, taken from the parsed header once and shared with
 * later opens of the file through {@link PageTable.Known} (the parsed header itself, with page
 * statistics that can be as large as a value, is not kept): parsing headers again would be most
 * of the cost of reading one sample per open.
 *
 * @param values            level entries of a data page; values of a dictionary page
 * @param rows              rows of a v2 data page, -1 for other pages
 * @param repetitionBytes   v2: bytes of repetition levels before the values, never compressed
 * @param definitionBytes   v2: bytes of definition levels after them
 * @param valuesCompressed  v2: whether the values section is compressed (v1 and dictionary pages: always, with a codec)
 */
record PageInfo(PageType type, int headerLength, int compressedSize, int uncompressedSize, int values, int rows,
                Encoding encoding, Encoding repetitionEncoding, Encoding definitionEncoding, int repetitionBytes,
                int definitionBytes, boolean valuesCompressed) {

    /**
     * @throws CorruptDataException when a data or dictionary page lacks its own header
     */
    static PageInfo of(PageHeader h, int headerLength, long at) throws CorruptDataException {
        PageType type = h.getType();
        int compressed = h.getCompressed_page_size();
        int uncompressed = h.getUncompressed_page_size();
        if (type == PageType.DATA_PAGE) {
            DataPageHeader d = h.getData_page_header();
            if (d == null) {
                throw new CorruptDataException("the data page at byte " + at + " has no data page header");
            }
            return new PageInfo(type, headerLength, compressed, uncompressed, d.getNum_values(), -1, d.getEncoding(),
                    d.getRepetition_level_encoding(), d.getDefinition_level_encoding(), 0, 0, true);
        }
        if (type == PageType.DATA_PAGE_V2) {
            DataPageHeaderV2 d = h.getData_page_header_v2();
            if (d == null) {
                throw new CorruptDataException("the data page at byte " + at + " has no data page header");
            }
            return new PageInfo(type, headerLength, compressed, uncompressed, d.getNum_values(), d.getNum_rows(),
                    d.getEncoding(), Encoding.RLE, Encoding.RLE, d.getRepetition_levels_byte_length(),
                    d.getDefinition_levels_byte_length(), !d.isSetIs_compressed() || d.isIs_compressed());
        }
        if (type == PageType.DICTIONARY_PAGE) {
            DictionaryPageHeader d = h.getDictionary_page_header();
            if (d == null) {
                throw new CorruptDataException("the dictionary page at byte " + at + " has no dictionary page header");
            }
            return new PageInfo(type, headerLength, compressed, uncompressed, d.getNum_values(), -1, d.getEncoding(),
                    null, null, 0, 0, true);
        }
        return new PageInfo(type, headerLength, compressed, uncompressed, 0, -1, null, null, null, 0, 0, true);
    }

    /** Header and data. */
    long size() {
        return (long) headerLength + compressedSize;
    }
}
