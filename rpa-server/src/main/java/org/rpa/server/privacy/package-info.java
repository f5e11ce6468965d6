/**
 * POPIA data subject requests: finding, exporting and erasing what the store and the evidence
 * directory hold about one subject. Everything is non-null unless stated.
 */
package org.rpa.server.privacy;
