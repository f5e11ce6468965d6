/**
 * RFC 6238 codes ({@link org.rpa.automation.totp.Totp}) and the single-use ledger ({@link
 * org.rpa.automation.totp.TotpService}). Everything is non-null unless documented otherwise.
 */
package org.rpa.automation.totp;
