/** Examples of using the core library from Java. */
package org.dlioparquet.examples;
