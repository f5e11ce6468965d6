/**
 * Local sandbox portals for the four providers, served by a small Javalin app: what the tests, the
 * examples and the demo drive. Everything is non-null unless documented otherwise.
 */
package org.rpa.automation.sandbox;
