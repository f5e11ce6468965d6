package org.rpa.server.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a test server has stored, as one comparable value: for every table of its database the row
 * count and a SHA-256 over the sorted rows, and for the evidence directory every file's name and
 * content hash. Two snapshots are equal when nothing stored changed.
 */
public record StoreSnapshot(Map<String, String> tables) {
  /** Reads every table of the database at {@code jdbcUrl} and every file under {@code evidence}. */
  public static StoreSnapshot of(String jdbcUrl, Path evidence) {
    Map<String, String> tables = new TreeMap<>();
    try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
      for (String table : tableNames(connection)) {
        tables.put(table, digestRows(connection, table));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read " + jdbcUrl, e);
    }
    tables.put("evidence files", digestFiles(evidence));
    return new StoreSnapshot(tables);
  }

  private static List<String> tableNames(Connection connection) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rows =
        connection
            .createStatement()
            .executeQuery(
                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }

  private static String digestRows(Connection connection, String table) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet result =
        connection.createStatement().executeQuery("SELECT * FROM \"" + table + "\"")) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        StringBuilder row = new StringBuilder();
        for (int column = 1; column <= columns; column++) {
          row.append(result.getString(column)).append('\u0001');
        }
        rows.add(row.toString());
      }
    }
    rows.sort(null);
    return rows.size() + " rows, sha256 " + sha256(String.join("\n", rows).getBytes(UTF8));
  }

  private static String digestFiles(Path root) {
    if (!Files.isDirectory(root)) {
      return "none";
    }
    try (var paths = Files.walk(root)) {
      List<String> files = new ArrayList<>();
      for (Path path : paths.filter(Files::isRegularFile).toList()) {
        files.add(root.relativize(path) + " " + sha256(Files.readAllBytes(path)));
      }
      files.sort(null);
      return files.size() + " files, sha256 " + sha256(String.join("\n", files).getBytes(UTF8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
