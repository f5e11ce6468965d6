/**
 * The HTTP API: {@link org.rpa.server.http.HttpApp} wires one {@code *Routes} class per area into
 * Javalin. Routes parse, call the core, and render; they hold no business logic.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.server.http;
