/** Internal: small helpers public only for the library's own packages (threads and their failures, printable text and sizes). */
package org.dlioparquet.core.internal;
