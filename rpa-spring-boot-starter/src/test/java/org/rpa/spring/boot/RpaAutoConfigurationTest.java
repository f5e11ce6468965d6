package org.rpa.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.ZoneId;
import java.util.UUID;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.rpa.core.Orchestrator;
import org.rpa.core.OrchestratorSettings;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.job.JobStatus;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class RpaAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  DataSourceAutoConfiguration.class,
                  RpaAutoConfiguration.class,
                  RpaHealthContributorAutoConfiguration.class))
          .withPropertyValues(
              "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
          .withUserConfiguration(Handlers.class);

  @Configuration(proxyBeanMethods = false)
  static class Handlers {
    @Bean
    RpaHandler echo() {
      return RpaHandler.of("demo", "echo", context -> JobResult.success(context.params()));
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnOrchestrator {
    @Bean
    Orchestrator myOrchestrator() {
      return Orchestrator.builder().database("jdbc:h2:mem:" + UUID.randomUUID()).build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Registry {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }

  @Test
  void the_orchestrator_starts_with_the_context_and_runs_the_handler_beans() {
    runner.run(
        context -> {
          Orchestrator rpa = context.getBean(Orchestrator.class);
          assertThat(rpa.isStarted()).isTrue();
          JobId id = rpa.jobs().submit(JobRequest.of("demo", "echo").param("x", 1));
          assertThat(rpa.jobs().await(id, Duration.ofSeconds(30)).status())
              .isEqualTo(JobStatus.COMPLETED);
        });
  }

  @Test
  void the_rpa_properties_reach_the_core() {
    runner
        .withPropertyValues(
            "rpa.executor-name=boot-1",
            "rpa.concurrency=3",
            "rpa.lease-length=30s",
            "rpa.heartbeat-interval=5s",
            "rpa.schedule-zone=Europe/Paris")
        .run(
            context -> {
              var properties = context.getBean(RpaProperties.class);
              assertThat(properties.getLeaseLength()).isEqualTo(Duration.ofSeconds(30));
              assertThat(properties.getScheduleZone()).isEqualTo(ZoneId.of("Europe/Paris"));
              Orchestrator rpa = context.getBean(Orchestrator.class);
              assertThat(rpa.executorId()).isEqualTo("boot-1");
              assertThat(rpa.fleet().summary().capacity()).isEqualTo(3);
            });
  }

  @Test
  void the_property_defaults_are_the_cores() {
    var properties = new RpaProperties();
    assertThat(properties.getConcurrency()).isEqualTo(OrchestratorSettings.DEFAULT_CONCURRENCY);
    assertThat(properties.getBatchSize()).isEqualTo(OrchestratorSettings.DEFAULT_BATCH_SIZE);
    assertThat(properties.getBufferSize()).isNull();
    assertThat(properties.getLeaseLength()).isEqualTo(OrchestratorSettings.DEFAULT_LEASE);
    assertThat(properties.getHeartbeatInterval()).isEqualTo(OrchestratorSettings.DEFAULT_HEARTBEAT);
    assertThat(properties.getPollInterval()).isEqualTo(OrchestratorSettings.DEFAULT_POLL_INTERVAL);
    assertThat(properties.getJobTimeout()).isEqualTo(OrchestratorSettings.DEFAULT_JOB_TIMEOUT);
    assertThat(properties.getShutdownTimeout())
        .isEqualTo(OrchestratorSettings.DEFAULT_SHUTDOWN_TIMEOUT);
    assertThat(properties.getJobRetention()).isEqualTo(OrchestratorSettings.DEFAULT_JOB_RETENTION);
    assertThat(properties.getExecutorRetention())
        .isEqualTo(OrchestratorSettings.DEFAULT_EXECUTOR_RETENTION);
    assertThat(properties.getExecutorName()).isNull();
    assertThat(properties.getScheduleZone()).isNull();
    assertThat(properties.isShareEvents()).isFalse();
  }

  @Test
  void a_bad_property_fails_the_start_with_the_cores_message() {
    runner
        .withPropertyValues("rpa.concurrency=0")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessage("concurrency must be positive, but was 0"));
  }

  @Test
  void customizers_run_after_the_properties_and_may_override_them() {
    runner
        .withPropertyValues("rpa.executor-name=from-properties")
        .withBean(RpaCustomizer.class, () -> builder -> builder.executorName("from-customizer"))
        .run(
            context ->
                assertThat(context.getBean(Orchestrator.class).executorId())
                    .isEqualTo("from-customizer"));
  }

  @Test
  void a_submit_inside_the_applications_transaction_commits_on_its_own() {
    runner
        .withConfiguration(
            AutoConfigurations.of(DataSourceTransactionManagerAutoConfiguration.class))
        .run(
            context -> {
              Orchestrator rpa = context.getBean(Orchestrator.class);
              var transaction =
                  new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
              JobId id =
                  transaction.execute(
                      status -> {
                        status.setRollbackOnly();
                        return rpa.jobs().submit(JobRequest.of("demo", "echo"));
                      });
              assertThat(rpa.jobs().find(id)).isPresent();
            });
  }

  @Test
  void lazy_initialization_still_starts_the_orchestrator() {
    runner
        .withInitializer(
            context ->
                context.addBeanFactoryPostProcessor(
                    new LazyInitializationBeanFactoryPostProcessor()))
        .run(
            context -> {
              assertThat(context.getBeanFactory().getBeanDefinition("rpaOrchestrator").isLazyInit())
                  .isTrue();
              assertThat(context.getBean(Orchestrator.class).isStarted()).isTrue();
            });
  }

  @Test
  void auto_startup_false_builds_the_orchestrator_without_starting_it() {
    runner
        .withPropertyValues("rpa.auto-startup=false")
        .run(context -> assertThat(context.getBean(Orchestrator.class).isStarted()).isFalse());
  }

  @Test
  void closing_the_context_closes_the_orchestrator() {
    Orchestrator[] held = new Orchestrator[1];
    runner.run(context -> held[0] = context.getBean(Orchestrator.class));
    assertThat(held[0].health().live()).isFalse();
    assertThatThrownBy(held[0]::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Orchestrator is closed");
  }

  @Test
  void it_backs_off_without_a_datasource() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(RpaAutoConfiguration.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Orchestrator.class));
  }

  @Test
  void it_backs_off_when_disabled() {
    runner
        .withPropertyValues("rpa.enabled=false")
        .run(
            context ->
                assertThat(context)
                    .doesNotHaveBean(Orchestrator.class)
                    .doesNotHaveBean("rpaHealthIndicator"));
  }

  @Test
  void it_backs_off_for_the_applications_own_orchestrator() {
    runner
        .withUserConfiguration(OwnOrchestrator.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(Orchestrator.class).hasBean("myOrchestrator");
              assertThat(context.getBean(Orchestrator.class).isStarted()).isTrue();
            });
  }

  @Test
  void it_publishes_to_the_applications_meter_registry() {
    runner
        .withUserConfiguration(Registry.class)
        .run(
            context -> {
              var registry = context.getBean(MeterRegistry.class);
              assertThat(registry.find("rpa.jobs.submitted").functionCounter()).isNotNull();
              assertThat(registry.find("rpa.queue.depth").gauge()).isNotNull();
            });
  }

  @Test
  void a_customizer_may_give_another_registry_than_the_applications() {
    var own = new SimpleMeterRegistry();
    runner
        .withUserConfiguration(Registry.class)
        .withBean(RpaCustomizer.class, () -> builder -> builder.meterRegistry(own))
        .run(
            context -> {
              assertThat(own.find("rpa.jobs.submitted").functionCounter()).isNotNull();
              assertThat(
                      context
                          .getBean(MeterRegistry.class)
                          .find("rpa.jobs.submitted")
                          .functionCounter())
                  .isNull();
            });
  }

  @Test
  void it_runs_without_micrometer_on_the_class_path() {
    runner
        .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed().doesNotHaveBean("rpaMeterRegistryCustomizer");
              Orchestrator rpa = context.getBean(Orchestrator.class);
              JobId id = rpa.jobs().submit(JobRequest.of("demo", "echo"));
              assertThat(rpa.jobs().await(id, Duration.ofSeconds(30)).status())
                  .isEqualTo(JobStatus.COMPLETED);
            });
  }

  @Test
  void the_health_indicator_is_up_with_the_cores_components_while_it_runs() {
    runner.run(
        context -> {
          var health = context.getBean("rpaHealthIndicator", HealthIndicator.class).health();
          assertThat(health.getStatus()).isEqualTo(Status.UP);
          assertThat(health.getDetails()).containsKeys("status", "message", "components");
          assertThat(health.getDetails())
              .extractingByKey("components")
              .asInstanceOf(InstanceOfAssertFactories.MAP)
              .containsKeys("database", "executors", "dispatcher");
        });
  }

  @Test
  void the_health_indicator_is_down_while_no_executor_runs() {
    runner
        .withPropertyValues("rpa.auto-startup=false")
        .run(
            context -> {
              var health = context.getBean("rpaHealthIndicator", HealthIndicator.class).health();
              assertThat(health.getStatus()).isEqualTo(Status.DOWN);
              assertThat(health.getDetails().get("status")).isEqualTo("unhealthy");
            });
  }

  @Test
  void the_health_indicator_backs_off_when_turned_off_or_without_the_actuator() {
    runner
        .withPropertyValues("management.health.rpa.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("rpaHealthIndicator"));
    runner
        .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(
            context ->
                assertThat(context)
                    .hasSingleBean(Orchestrator.class)
                    .doesNotHaveBean("rpaHealthIndicator"));
  }
}
