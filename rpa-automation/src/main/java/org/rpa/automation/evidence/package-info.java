/**
 * Screenshot evidence per job, its listing for the server's {@code GET /jobs/{id}/screenshots},
 * retention and POPIA deletion. Everything is non-null unless documented otherwise.
 */
package org.rpa.automation.evidence;
