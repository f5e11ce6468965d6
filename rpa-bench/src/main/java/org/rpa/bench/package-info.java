/**
 * The benchmark of rpa against db-scheduler, JobRunr and Quartz: {@link org.rpa.bench.Bench} runs
 * each configuration in its own JVM ({@link org.rpa.bench.BenchRun}) and prints one table. Not part
 * of the product.
 *
 * <p>Everything is non-null unless marked otherwise.
 */
package org.rpa.bench;
