/**
 * Local sandbox portals for the four providers, served by a small Javalin app: what the tests, the
 * automation benchmark and the demo drive; the standalone server serves them as demo portals in
 * development mode. A module of its own ({@code org.rpa:rpa-sandbox}), so that rpa-automation,
 * which takes it for its tests only, brings no HTTP server to an application. Everything is
 * non-null unless documented otherwise.
 */
package org.rpa.sandbox;
