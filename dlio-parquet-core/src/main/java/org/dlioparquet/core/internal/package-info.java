/** Internal: small helpers public only for the library's own packages (threads and their failures). */
package org.dlioparquet.core.internal;
