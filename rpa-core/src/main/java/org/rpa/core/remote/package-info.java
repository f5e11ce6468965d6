/**
 * Remote workers: the orchestrator side of the worker service (port 8621). A {@link
 * org.rpa.core.remote.RemoteWorker} is the transport to one worker (HTTP in rpa-server); {@link
 * org.rpa.core.remote.RemoteWorkers} routes claimed jobs to workers that can run them and have
 * room, keeps each worker's lease in the store while it answers, and applies the results it
 * reports.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.core.remote;
