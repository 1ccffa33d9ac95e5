/**
 * Internal: the Hadoop FileSystem storage back-end ({@code hdfs://} and any scheme whose Hadoop
 * client is on the class path; {@code hadoop-client-runtime} is an optional dependency). Public
 * only for the library's own packages.
 */
package org.dlioparquet.core.storage.hadoop;
