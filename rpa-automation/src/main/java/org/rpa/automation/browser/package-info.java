/**
 * Browser sessions: the {@link org.rpa.automation.browser.SessionPool} of local headless Chromium
 * or Selenium Grid sessions, and the views {@code GET /browser-services} shows. Everything is
 * non-null unless documented otherwise.
 */
package org.rpa.automation.browser;
