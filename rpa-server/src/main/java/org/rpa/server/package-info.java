/** The standalone orchestrator and worker services: a thin Javalin host around rpa-core. */
package org.rpa.server;
