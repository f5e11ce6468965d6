/**
 * Browser automations for rpa: provider flows in Chromium through Selenium, a browser session pool,
 * single-use TOTP and screenshot evidence.
 *
 * <p>Start at {@link org.rpa.automation.BrowserAutomation}: {@code BrowserAutomation.builder()}
 * makes one, and its {@code install(..)} registers a handler for each {@link
 * org.rpa.automation.Flow} on an orchestrator builder; a flow drives the page through {@link
 * org.rpa.automation.Steps}, which finds each {@link org.rpa.automation.Element} by its locators in
 * order (self-healing) and records every step.
 */
package org.rpa.automation;
