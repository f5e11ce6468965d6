package org.rpa.core.store;

import java.time.Instant;

/**
 * The values of a row, column after column: a statement's parameters ({@link RowBatch}) or a line
 * of PostgreSQL's COPY ({@link CopyRows}). Lets one method say what a job row holds for both.
 */
interface RowValues {
  RowValues set(String value);

  RowValues set(Integer value);

  RowValues set(Long value);

  RowValues set(Instant value);
}
