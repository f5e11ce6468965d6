/**
 * Browser automations for rpa: provider flows in Chromium through Selenium, a browser session pool,
 * single-use TOTP and screenshot evidence.
 *
 * <p>This module is where issue 7 lands; until then it holds no code, and the server depends on it
 * so that the dependency direction {@code rpa-server → rpa-automation → rpa-core} is fixed from the
 * start.
 */
package org.rpa.automation;
