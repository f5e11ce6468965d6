package org.rpa.core.testing.pg;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class a fresh database on a private PostgreSQL cluster.
 *
 * <pre>{@code
 * @ExtendWith(PostgresExtension.class)
 * class PostgresJobStoreIT {
 *   @Test
 *   void stores_a_job(PgDatabase database) { ... database.jdbcUrl() ... }
 * }
 * }</pre>
 *
 * <p>One {@link PostgresCluster} is started per JVM, on first use, and kept in the root {@link
 * ExtensionContext.Store}; JUnit closes it (stopping the server and deleting its directory) when
 * the run ends. Each test class gets its own empty database, created before its first test and
 * injected as a {@link PgDatabase} parameter of the constructor, of {@code @BeforeAll}/{@code
 * BeforeEach} methods or of test methods. {@code @Nested} classes share their outer class's
 * database. Tests of one class share the database: clean up (truncate) between tests as the test
 * needs.
 *
 * <p>If PostgreSQL is not installed, the tests fail (never skip) with a message that says to run
 * {@code ./test}, which installs it.
 *
 * <p>Thread-safe: the cluster and each class's database are created at most once, under the store's
 * own locking.
 */
public final class PostgresExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresExtension.class);
  private static final AtomicInteger DATABASES = new AtomicInteger();

  @Override
  public void beforeAll(ExtensionContext context) {
    database(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == PgDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return database(context);
  }

  /** The database of the test class that {@code context} belongs to, created on first call. */
  private static PgDatabase database(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().get();
    }
    String className = classContext.getRequiredTestClass().getSimpleName();
    PostgresCluster cluster = cluster(context);
    // computeIfAbsent also looks in the enclosing classes' stores: @Nested classes reuse theirs.
    return classContext
        .getStore(NAMESPACE)
        .computeIfAbsent(
            PgDatabase.class,
            key -> {
              String name = databaseName(className);
              return new PgDatabase(cluster.createDatabase(name), name);
            },
            PgDatabase.class);
  }

  private static PostgresCluster cluster(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(
            PostgresCluster.class, key -> PostgresCluster.start(), PostgresCluster.class);
  }

  private static String databaseName(String className) {
    String sanitized = className.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    String name = "t" + DATABASES.incrementAndGet() + "_" + sanitized;
    return name.length() > 63 ? name.substring(0, 63) : name;
  }
}
