/**
 * DLIO's {@code tfrecord} format: TFRecord files of {@code tf.train.Example} records with the
 * features DLIO writes, their DALI index files, and a reader that reads records by offset.
 * Internal: public only for the library's own packages (the provider is found with ServiceLoader).
 */
package org.dlioparquet.core.format.tfrecord;
