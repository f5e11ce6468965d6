package org.rpa.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.rpa.core.InvalidRequestException;

/**
 * Turns a database URL into a pooled {@link HikariDataSource}.
 *
 * <p>Accepts JDBC URLs ({@code jdbc:h2:file:./data/rpa}, {@code jdbc:postgresql://host/db}) and the
 * {@code postgresql://user:pass@host:port/db} form that deployment tools hand out.
 *
 * <p>H2 file databases are opened with {@code WRITE_DELAY=0}: H2 otherwise writes commits to disk
 * from a background thread up to 500 ms late, and a {@code kill -9} loses them. With 0 each commit
 * is handed to the operating system before it returns, which survives the death of the JVM; it does
 * not survive a power loss or a kernel crash, since H2 does not fsync each commit. Use PostgreSQL
 * (with its default {@code fsync=on}, {@code synchronous_commit=on}) where that matters.
 *
 * <p>H2 URLs also get {@code QUERY_CACHE_SIZE=128} and, for files, {@code CACHE_SIZE=2048} (KB),
 * and PostgreSQL URLs {@code reWriteBatchedInserts=true}, unless they set them.
 *
 * <p>An H2 pool drops the connections of a database that closed under them ({@link
 * H2ClosedDatabase}), so that the store comes back by itself once the disk has room again.
 */
public final class Databases {
  private static final int H2_QUERY_CACHE = 128;
  private static final int H2_CACHE_KB = 2_048;

  private Databases() {}

  /** The JDBC form of {@code url}, with H2's durability settings applied. */
  public static String jdbcUrl(String url) {
    if (url == null || url.isBlank()) {
      throw new InvalidRequestException("database", url, "must be a JDBC or postgresql:// URL");
    }
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
      return batchedInserts(fromPostgresUri(url));
    }
    if (lower.startsWith("jdbc:h2:")) {
      return h2(url, lower);
    }
    if (lower.startsWith("jdbc:postgresql:")) {
      return batchedInserts(url);
    }
    throw new InvalidRequestException(
        "database", url, "must be an H2 or PostgreSQL JDBC URL, or postgresql://user:pass@host/db");
  }

  /**
   * A pool on {@code url} with at most {@code poolSize} connections.
   *
   * @throws IllegalStateException if {@code url} is an H2 URL and the H2 driver is not on the class
   *     path: rpa-core declares it optional, so an application that uses H2 declares {@code
   *     com.h2database:h2} itself
   */
  public static HikariDataSource pool(String url, int poolSize) {
    String jdbcUrl = jdbcUrl(url);
    requireDriver(jdbcUrl, Databases.class.getClassLoader());
    var config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName("rpa-db");
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(Math.min(2, poolSize));
    config.setAutoCommit(true);
    config.setConnectionTimeout(10_000);
    config.setInitializationFailTimeout(10_000);
    if (jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
      config.setExceptionOverride(new H2ClosedDatabase());
    }
    return new HikariDataSource(config);
  }

  /** Throws, naming the dependency to declare, if {@code jdbcUrl} is H2's and H2 is missing. */
  static void requireDriver(String jdbcUrl, ClassLoader loader) {
    if (!jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
      return;
    }
    try {
      Class.forName("org.h2.Driver", false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "database "
              + redact(jdbcUrl)
              + " needs the H2 driver, which rpa-core declares optional: add the dependency"
              + " com.h2database:h2 (runtime scope), or use PostgreSQL");
    }
  }

  private static String h2(String url, String lower) {
    var jdbc = new StringBuilder(url);
    boolean memory = lower.startsWith("jdbc:h2:mem:");
    if (!memory && !lower.contains(";write_delay=")) {
      jdbc.append(";WRITE_DELAY=0");
    }
    if (memory && !lower.contains(";db_close_delay=")) {
      jdbc.append(";DB_CLOSE_DELAY=-1");
    }
    if (!memory && !lower.contains(";cache_size=")) {
      // H2 caches every page it writes, and a commit writes each changed page anew: with the
      // default 64 MB the cache's bookkeeping (its LIRS stack, evictions) was 40 % of a commit's
      // page writes. 8 MB made drains about 25 % and one-at-a-time submits about 12 % faster, and
      // 2 MB about as much again (alternating runs: drain medians 3,750 and 4,800 jobs/s).
      // A queue's working set (the claim index's head, recent rows) is small; other reads come
      // from the operating system's file cache.
      jdbc.append(";CACHE_SIZE=").append(H2_CACHE_KB);
    }
    if (!lower.contains(";query_cache_size=")) {
      // H2 keeps 8 parsed statements per connection by default; the engine's hot path alone has
      // more shapes than that, and a miss parses again.
      jdbc.append(";QUERY_CACHE_SIZE=").append(H2_QUERY_CACHE);
    }
    return jdbc.toString();
  }

  /**
   * PostgreSQL's driver sends a JDBC batch of inserts as one multi-row INSERT with this setting,
   * instead of one statement per row: the store inserts its log and execution rows in batches,
   * which then cost the server a fraction of the time (the drain went from about 2,800 to 3,700
   * jobs/s). Kept if the URL sets it.
   */
  private static String batchedInserts(String jdbc) {
    if (jdbc.toLowerCase(Locale.ROOT).contains("rewritebatchedinserts=")) {
      return jdbc;
    }
    return jdbc + (jdbc.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
  }

  private static String fromPostgresUri(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("database", redact(url), "must be a valid URL");
    }
    if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
      throw new InvalidRequestException(
          "database", redact(url), "must name a host and a database (postgresql://host/db)");
    }
    var jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
    if (uri.getPort() > 0) {
      jdbc.append(':').append(uri.getPort());
    }
    jdbc.append(uri.getPath());
    String query = uri.getRawQuery();
    String separator = "?";
    if (query != null && !query.isEmpty()) {
      jdbc.append('?').append(query);
      separator = "&";
    }
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
      jdbc.append(separator).append("user=").append(user);
      if (colon >= 0) {
        String password = URLDecoder.decode(userInfo.substring(colon + 1), StandardCharsets.UTF_8);
        jdbc.append("&password=")
            .append(java.net.URLEncoder.encode(password, StandardCharsets.UTF_8));
      }
    }
    return jdbc.toString();
  }

  /** The URL with any password replaced by {@code ***}, fit for a log line or an error. */
  public static String redact(String url) {
    if (url == null) {
      return null;
    }
    return url.replaceAll("(?i)(://[^:/@]+:)[^@]*@", "$1***@")
        .replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
