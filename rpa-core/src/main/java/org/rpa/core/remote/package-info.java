/**
 * Remote workers: the orchestrator side of the worker service (port 8621). A {@link
 * org.rpa.core.remote.RemoteWorker} is the transport to one worker (HTTP in rpa-server), and the
 * records here are what travels on it; {@link org.rpa.core.remote.RemoteWorkers} is the view of the
 * configured workers and takes the results they report. The engine routes claimed jobs to workers
 * that can run them and have room, and keeps each worker's lease in the store while it answers.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.core.remote;
