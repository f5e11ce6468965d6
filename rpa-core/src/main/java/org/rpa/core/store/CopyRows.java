package org.rpa.core.store;

import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.rpa.core.StoreException;

/**
 * Rows in PostgreSQL's COPY text format, built in memory and sent with one {@code COPY … FROM
 * STDIN}: the server parses a line of text per row instead of planning and binding an INSERT, and
 * the driver sends no parameters. Instants are written as ISO-8601 in UTC, which {@code
 * timestamptz} reads as it is.
 *
 * <p>Not thread-safe: one per COPY.
 */
final class CopyRows implements RowValues {
  private final String operation;
  private final StringBuilder text;
  private boolean firstColumn = true;
  private Instant lastInstant;
  private String lastInstantText;

  CopyRows(String operation, int rows) {
    this.operation = operation;
    this.text = new StringBuilder(rows * 256);
  }

  @Override
  public CopyRows set(String value) {
    if (next(value)) {
      escape(value);
    }
    return this;
  }

  @Override
  public CopyRows set(Integer value) {
    if (next(value)) {
      text.append(value.intValue());
    }
    return this;
  }

  @Override
  public CopyRows set(Long value) {
    if (next(value)) {
      text.append(value.longValue());
    }
    return this;
  }

  @Override
  public CopyRows set(Instant value) {
    if (next(value)) {
      // A batch's rows share their instants (now, mostly), and formatting one took a third of the
      // time it took to build the rows.
      if (!value.equals(lastInstant)) {
        lastInstant = value;
        lastInstantText = value.toString();
      }
      text.append(lastInstantText);
    }
    return this;
  }

  /** Ends a row. */
  void add() {
    text.append('\n');
    firstColumn = true;
  }

  /** Copies the rows into {@code columns} of {@code table}, in the handle's transaction. */
  void copy(Handle handle, String table, String columns) {
    try {
      handle
          .getConnection()
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn(
              "COPY " + table + " (" + columns + ") FROM STDIN", new StringReader(text.toString()));
    } catch (SQLException | IOException e) {
      throw new StoreException(operation, e);
    }
  }

  /** Starts a column; false, after writing COPY's NULL, if {@code value} is null. */
  private boolean next(Object value) {
    if (!firstColumn) {
      text.append('\t');
    }
    firstColumn = false;
    if (value == null) {
      text.append("\\N");
      return false;
    }
    return true;
  }

  /** COPY's text format: a backslash, and the row and column separators, are escaped. */
  private void escape(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> text.append("\\\\");
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        case '\t' -> text.append("\\t");
        default -> text.append(c);
      }
    }
  }
}
