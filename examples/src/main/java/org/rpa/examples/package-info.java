/** Small runnable programs that embed rpa-core; copy from them. */
package org.rpa.examples;
