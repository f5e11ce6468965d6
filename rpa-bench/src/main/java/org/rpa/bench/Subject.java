package org.rpa.bench;

/**
 * One library under test, on one database. Created with its workers paused; {@link #resume()}
 * starts them and {@link #pause()} stops them again (closing and rebuilding the scheduler where the
 * library has no pause). Not thread-safe, except {@link #submitOne} from one producer while workers
 * run.
 */
interface Subject extends AutoCloseable {
  /** Inserts jobs {@code from .. from+count-1} with the library's batch API. */
  void submitBatch(int from, int count) throws Exception;

  /** Submits job {@code i} alone, durably. */
  void submitOne(int i) throws Exception;

  void resume() throws Exception;

  void pause() throws Exception;

  /** How many submitted jobs are not yet complete in the database. */
  long pending() throws Exception;

  @Override
  void close() throws Exception;
}
