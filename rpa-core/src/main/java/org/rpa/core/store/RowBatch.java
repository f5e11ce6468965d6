package org.rpa.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.rpa.core.StoreException;

/**
 * A JDBC batch of one statement with positional parameters, in the handle's transaction. The
 * store's per-job inserts and updates go through here rather than Jdbi's named-argument batches,
 * whose per-row binding (name lookups, argument factories) was about a third of a batch submit's
 * time. Instants are bound as UTC offset date-times, as {@link RowMappers} binds them for Jdbi.
 *
 * <p>Not thread-safe: one per statement, closed by its user.
 */
final class RowBatch implements RowValues, AutoCloseable {
  private final String operation;
  private final PreparedStatement statement;
  private int position;
  private int rows;

  private RowBatch(String operation, PreparedStatement statement) {
    this.operation = operation;
    this.statement = statement;
  }

  static RowBatch of(Handle handle, String operation, String sql) {
    try {
      return new RowBatch(operation, handle.getConnection().prepareStatement(sql));
    } catch (SQLException e) {
      throw new StoreException(operation, e);
    }
  }

  /** A batch of inserts whose generated {@code id}s {@link #executeForIds} returns. */
  static RowBatch returningIds(Handle handle, String operation, String sql) {
    try {
      return new RowBatch(
          operation, handle.getConnection().prepareStatement(sql, new String[] {"id"}));
    } catch (SQLException e) {
      throw new StoreException(operation, e);
    }
  }

  @Override
  public RowBatch set(String value) {
    return bind(value, Types.VARCHAR);
  }

  @Override
  public RowBatch set(Integer value) {
    return bind(value, Types.INTEGER);
  }

  @Override
  public RowBatch set(Long value) {
    return bind(value, Types.BIGINT);
  }

  @Override
  public RowBatch set(Instant value) {
    return bind(
        value == null ? null : value.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
  }

  private RowBatch bind(Object value, int sqlType) {
    try {
      position++;
      if (value == null) {
        statement.setNull(position, sqlType);
      } else {
        statement.setObject(position, value, sqlType);
      }
      return this;
    } catch (SQLException e) {
      throw new StoreException(operation, e);
    }
  }

  /** Ends a row: the next {@code set} binds the first parameter of the next one. */
  void add() {
    try {
      statement.addBatch();
      position = 0;
      rows++;
    } catch (SQLException e) {
      throw new StoreException(operation, e);
    }
  }

  /**
   * Runs the statement once, not as a batch, with the parameters set since the last row, and
   * returns the number in the first column of its one result row.
   */
  long queryForLong() {
    position = 0;
    try (ResultSet result = statement.executeQuery()) {
      if (!result.next()) {
        throw new StoreException(operation, new SQLException("the statement returned no row"));
      }
      return result.getLong(1);
    } catch (SQLException e) {
      throw new StoreException(operation, e);
    }
  }

  /**
   * Runs the statement once, not as a batch, with the parameters set since the last row, and
   * returns its update count.
   */
  int update() {
    position = 0;
    try {
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException(operation, e);
    }
  }

  int rows() {
    return rows;
  }

  /**
   * Runs the batch; one update count per row, in order ({@link Statement#SUCCESS_NO_INFO} may be).
   */
  int[] execute() {
    if (rows == 0) {
      return new int[0];
    }
    try {
      return statement.executeBatch();
    } catch (SQLException e) {
      throw new StoreException(operation, e);
    }
  }

  /**
   * Runs a batch of inserts made by {@link #returningIds}, each entry a statement of {@code
   * rowsPerEntry} rows; the new ids, in the order the driver returns them.
   */
  List<Long> executeForIds(int rowsPerEntry) {
    int expected = rows * rowsPerEntry;
    var ids = new ArrayList<Long>(expected);
    if (rows == 0) {
      return ids;
    }
    try {
      statement.executeBatch();
      try (ResultSet keys = statement.getGeneratedKeys()) {
        while (keys.next()) {
          ids.add(keys.getLong(1));
        }
      }
    } catch (SQLException e) {
      throw new StoreException(operation, e);
    }
    if (ids.size() != expected) {
      throw new StoreException(
          operation,
          new SQLException("expected " + expected + " generated ids, got " + ids.size()));
    }
    return ids;
  }

  @Override
  public void close() {
    try {
      statement.close();
    } catch (SQLException e) {
      throw new StoreException(operation, e);
    }
  }
}
