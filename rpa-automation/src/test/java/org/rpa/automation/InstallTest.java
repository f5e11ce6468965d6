package org.rpa.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.core.testing.ManualOrchestrator;
import org.rpa.core.testing.MutableClock;

/** One install step registers the flows, adds the housekeeping and binds the breakers. */
class InstallTest {
  @TempDir Path temp;
  final MutableClock clock = MutableClock.at("2026-01-01T03:00:00Z");
  BrowserAutomation automation;
  ManualOrchestrator rpa;

  @AfterEach
  void stop() {
    if (rpa != null) {
      rpa.close();
    }
    automation.close();
  }

  private BrowserAutomation automation() throws Exception {
    return BrowserAutomation.builder()
        .clock(clock)
        .secrets(Secrets.fromDirectory(Files.createDirectories(temp.resolve("secrets"))))
        .evidenceDirectory(temp.resolve("evidence"))
        .browser(temp.resolve("no-chromium"), temp.resolve("no-chromedriver"))
        .flow("acme", "validation", flow -> Map.of("checked", true))
        .build();
  }

  private ManualOrchestrator.Builder orchestrator() {
    return ManualOrchestrator.builder()
        .database("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
        .clock(clock);
  }

  @Test
  void install_builds_the_orchestrator_with_the_portal_breakers_in_its_registry() throws Exception {
    automation = automation();

    rpa = automation.install(orchestrator());

    assertThat(rpa.breakers().view(BrowserAutomation.breakerName("acme"))).isPresent();
    assertThat(rpa.breakers().view(BrowserAutomation.breakerName("acme")).get().displayName())
        .isEqualTo("acme portal");
  }

  @Test
  void an_automation_is_installed_once() throws Exception {
    automation = automation();
    rpa = automation.install(orchestrator());

    assertThatThrownBy(() -> automation.install(orchestrator()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("installed already");
  }
}
