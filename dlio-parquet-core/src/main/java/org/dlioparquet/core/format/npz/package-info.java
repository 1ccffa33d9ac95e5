/**
 * Internal: the NPZ format provider (numpy's {@code savez}: {@code x.npy} and {@code y.npy} in a ZIP,
 * stored or deflated), read through the ZIP directory directly ({@code PlainZipDirectory}) with
 * commons-compress for unusual archives; written by {@code StoredNpzWriter} when stored and built in
 * memory, otherwise by commons-compress.
 */
package org.dlioparquet.core.format.npz;
