/** Internal: small helpers public only for the library's own packages (threads and their failures, printable text, sizes, spelling). */
package org.dlioparquet.core.internal;
