package org.rpa.spring.boot;

import org.rpa.core.Orchestrator;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code rpa} health indicator ({@link RpaHealthIndicator}), when the application has the
 * actuator and an {@link Orchestrator}; {@code management.health.rpa.enabled=false} turns it off.
 */
@AutoConfiguration(after = RpaAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(Orchestrator.class)
@ConditionalOnEnabledHealthIndicator("rpa")
public class RpaHealthContributorAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "rpaHealthIndicator")
  public HealthIndicator rpaHealthIndicator(Orchestrator orchestrator) {
    return new RpaHealthIndicator(orchestrator);
  }
}
