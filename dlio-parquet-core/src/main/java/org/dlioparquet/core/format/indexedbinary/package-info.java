/**
 * DLIO's {@code indexed_binary} and {@code mmap_indexed_binary} formats: raw sample bytes with
 * {@code <file>.off.idx} and {@code <file>.sz.idx} tables of uint64 offsets and sizes; read with
 * positional reads or through memory maps. Internal: public only for the library's own packages
 * (the providers are found with ServiceLoader).
 */
package org.dlioparquet.core.format.indexedbinary;
