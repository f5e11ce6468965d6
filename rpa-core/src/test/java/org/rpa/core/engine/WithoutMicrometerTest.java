package org.rpa.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Micrometer is optional: an orchestrator built without a registry runs in a class loader that has
 * no Micrometer at all, and with Micrometer present it loads none of its classes.
 */
class WithoutMicrometerTest {
  private static final String METER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";

  /** The test class path, the entries {@code keep} accepts, with no parent but the platform's. */
  private static final class Isolated extends URLClassLoader {
    Isolated(Predicate<String> keep) {
      super("isolated", urls(keep), ClassLoader.getPlatformClassLoader());
    }

    boolean loaded(String name) {
      return findLoadedClass(name) != null;
    }

    private static URL[] urls(Predicate<String> keep) {
      return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
          .filter(keep)
          .map(
              entry -> {
                try {
                  return new File(entry).toURI().toURL();
                } catch (MalformedURLException e) {
                  throw new IllegalStateException(e);
                }
              })
          .toArray(URL[]::new);
    }
  }

  @SuppressWarnings("unchecked")
  private static String run(Isolated loader) throws Exception {
    Class<?> type = Class.forName(RunWithoutRegistry.class.getName(), true, loader);
    assertThat(type.getClassLoader()).isSameAs(loader);
    return ((Supplier<String>) type.getConstructor().newInstance()).get();
  }

  @Test
  void the_core_runs_jobs_with_no_micrometer_on_the_class_path() throws Exception {
    assertThat(System.getProperty("java.class.path")).contains("micrometer-core");
    String micrometerJars = File.separator + "io" + File.separator + "micrometer" + File.separator;
    try (var loader = new Isolated(entry -> !entry.contains(micrometerJars))) {
      assertThatThrownBy(() -> Class.forName(METER_REGISTRY, false, loader))
          .isInstanceOf(ClassNotFoundException.class);

      assertThat(run(loader)).isEqualTo("COMPLETED submitted=1 succeeded=1");
    }
  }

  @Test
  void without_a_registry_no_micrometer_class_is_loaded() throws Exception {
    try (var loader = new Isolated(entry -> true)) {
      assertThat(run(loader)).isEqualTo("COMPLETED submitted=1 succeeded=1");

      assertThat(loader.loaded(Engine.class.getName())).isTrue();
      assertThat(loader.loaded(MicrometerMeters.class.getName())).isFalse();
      assertThat(loader.loaded(METER_REGISTRY)).isFalse();
      assertThat(Class.forName(METER_REGISTRY, false, loader).getClassLoader()).isSameAs(loader);
    }
  }
}
