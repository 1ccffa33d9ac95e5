package org.dlioparquet.core.config;

import org.dlioparquet.core.spi.FormatRegistry;

/** What value conversion may consult: the formats that are available. */
record ConversionContext(FormatRegistry registry) {
}
