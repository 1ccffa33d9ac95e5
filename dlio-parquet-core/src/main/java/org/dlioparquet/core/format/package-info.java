/**
 * What the format providers share (companion files such as indexes); the providers themselves are
 * the sub-packages. Internal: public only for the library's own packages.
 */
package org.dlioparquet.core.format;
