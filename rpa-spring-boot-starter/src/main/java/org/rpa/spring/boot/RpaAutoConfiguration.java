package org.rpa.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.rpa.core.Orchestrator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * An {@link Orchestrator} on the application's {@link DataSource}, built from the {@code rpa.*}
 * properties, every {@link RpaHandler} bean and every {@link RpaCustomizer} bean, and given the
 * application's {@code MeterRegistry} when there is exactly one.
 *
 * <p>The orchestrator migrates its own schema (table {@code rpa_schema_history}, scripts inside
 * rpa-core) when it is built, after the application's own Flyway or Liquibase migrations ran. It
 * backs off when the application defines its own {@code Orchestrator}, has no single {@code
 * DataSource}, or sets {@code rpa.enabled=false}.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(Orchestrator.class)
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnProperty(
    prefix = "rpa",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(RpaProperties.class)
public class RpaAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  @DependsOnDatabaseInitialization
  public Orchestrator rpaOrchestrator(
      DataSource dataSource,
      RpaProperties properties,
      ObjectProvider<RpaHandler> handlers,
      ObjectProvider<RpaCustomizer> customizers) {
    Orchestrator.Builder builder = Orchestrator.builder().dataSource(dataSource);
    properties.applyTo(builder);
    handlers
        .orderedStream()
        .forEach(
            handler -> builder.handler(handler.provider(), handler.action(), handler.handler()));
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  @Bean
  @ConditionalOnMissingBean(RpaLifecycle.class)
  RpaLifecycle rpaLifecycle(Orchestrator orchestrator, RpaProperties properties) {
    return new RpaLifecycle(orchestrator, properties.isAutoStartup());
  }

  /** The application's Micrometer registry, when Micrometer is there; the core never loads it. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  static class RpaMeterRegistryConfiguration {

    @Bean
    RpaCustomizer rpaMeterRegistryCustomizer(ObjectProvider<MeterRegistry> registries) {
      return new MeterRegistryCustomizer(registries);
    }
  }

  /** Runs before the application's customizers, so that one of them may give another registry. */
  private static final class MeterRegistryCustomizer implements RpaCustomizer, Ordered {
    private final ObjectProvider<MeterRegistry> registries;

    MeterRegistryCustomizer(ObjectProvider<MeterRegistry> registries) {
      this.registries = registries;
    }

    @Override
    public void customize(Orchestrator.Builder builder) {
      registries.ifUnique(builder::meterRegistry);
    }

    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE;
    }
  }
}
