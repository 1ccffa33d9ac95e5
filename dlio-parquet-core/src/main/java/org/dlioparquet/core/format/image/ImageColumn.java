package org.dlioparquet.core.format.image;

import java.util.List;
import org.dlioparquet.core.DlioException;

/**
 * What an image sample is made of: the file's {@code bytes} (the default: read, check, no decode)
 * or its decoded {@code pixels}, chosen with {@code reader.columns}. DLIO's image reader always
 * decodes (PIL {@code Image.open} and {@code np.asarray}).
 */
enum ImageColumn {
    BYTES("bytes"),
    PIXELS("pixels");

    private final String columnName;

    ImageColumn(String columnName) {
        this.columnName = columnName;
    }

    String columnName() {
        return columnName;
    }

    static ImageColumn of(List<String> columns) {
        if (columns.isEmpty() || columns.equals(List.of(BYTES.columnName))) {
            return BYTES;
        }
        if (columns.equals(List.of(PIXELS.columnName))) {
            return PIXELS;
        }
        throw new DlioException("image files have one column, read as 'bytes' (the file, not decoded) or 'pixels' "
                + "(decoded as DLIO does); reader.columns " + columns + " is neither");
    }
}
