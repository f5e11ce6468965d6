package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rpa.server.http.SystemHealthView.DatabaseHealth;
import org.rpa.server.http.SystemHealthView.HealthComponents;

/** How the health view rates the host and the process, and the system from its components. */
class SystemHealthViewTest {
  private static final List<Double> LOAD = List.of(1.2, 1.5, 1.3);

  @Test
  void the_host_degrades_when_less_than_five_percent_of_its_memory_is_free() {
    var half =
        SystemHealthView.host(new HostResources.Memory(8_589_934_592L, 4_294_967_296L), 4, LOAD);
    assertThat(half.status()).isEqualTo("healthy");
    assertThat(half.memory().usagePercent()).isEqualTo("50.00%");
    assertThat(half.cpu().cores()).isEqualTo(4);
    assertThat(half.cpu().loadAverage()).isEqualTo(LOAD);
    assertThat(SystemHealthView.host(new HostResources.Memory(1000, 50), 1, LOAD).status())
        .isEqualTo("healthy");
    var low = SystemHealthView.host(new HostResources.Memory(1000, 49), 1, LOAD);
    assertThat(low.status()).isEqualTo("degraded");
    assertThat(low.memory().usagePercent()).isEqualTo("95.10%");
  }

  @Test
  void the_process_degrades_when_its_heap_reaches_ninety_percent_of_its_maximum() {
    var easy =
        SystemHealthView.process(
            12345, new HostResources.Heap(50_000_000, 100_000_000, 1000_000_000));
    assertThat(easy.status()).isEqualTo("healthy");
    assertThat(easy.pid()).isEqualTo(12345);
    assertThat(easy.memory().heapUsed()).isEqualTo(50_000_000);
    assertThat(easy.memory().heapTotal()).isEqualTo(100_000_000);
    assertThat(SystemHealthView.process(1, new HostResources.Heap(899, 950, 1000)).status())
        .isEqualTo("healthy");
    assertThat(SystemHealthView.process(1, new HostResources.Heap(900, 950, 1000)).status())
        .isEqualTo("degraded");
    assertThat(SystemHealthView.process(1, new HostResources.Heap(900, 950, -1)).status())
        .isEqualTo("healthy");
  }

  @Test
  void the_system_is_unhealthy_with_a_critical_component_down_and_degraded_with_another() {
    var host = SystemHealthView.host(new HostResources.Memory(1000, 500), 1, LOAD);
    var lowHost = SystemHealthView.host(new HostResources.Memory(1000, 1), 1, LOAD);
    var process = SystemHealthView.process(1, new HostResources.Heap(1, 2, 10));
    var up = new DatabaseHealth("healthy", "connected", 3);
    var down = new DatabaseHealth("unhealthy", "disconnected", 2000);
    var running = SystemHealthView.scheduler(true, 3L, 2L);
    var stopped = SystemHealthView.scheduler(false, 3L, 2L);

    assertThat(SystemHealthView.overall(new HealthComponents(up, running, host, process)))
        .isEqualTo("healthy");
    assertThat(SystemHealthView.overall(new HealthComponents(up, running, lowHost, process)))
        .isEqualTo("degraded");
    assertThat(SystemHealthView.overall(new HealthComponents(down, running, host, process)))
        .isEqualTo("unhealthy");
    assertThat(SystemHealthView.overall(new HealthComponents(up, stopped, host, process)))
        .isEqualTo("unhealthy");
  }
}
