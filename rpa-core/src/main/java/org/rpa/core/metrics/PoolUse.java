package org.rpa.core.metrics;

/**
 * The store's connection pool at one moment.
 *
 * @param active connections lent out
 * @param idle connections open and free
 * @param total connections open
 * @param max the most the pool opens
 * @param waiting threads waiting for a connection
 */
public record PoolUse(int active, int idle, int total, int max, int waiting) {}
