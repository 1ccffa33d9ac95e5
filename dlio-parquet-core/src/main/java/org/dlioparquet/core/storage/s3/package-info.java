/**
 * Internal: the S3 storage back-end (AWS SDK v2, an optional dependency): ranged GETs with
 * read-ahead and parallel parts, single or multipart uploads streamed in bounded memory, one-line
 * errors with the credentials masked. Public only for the library's own packages.
 */
package org.dlioparquet.core.storage.s3;
