package org.rpa.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secrets directory, and values put in front of it. */
class SecretsTest {
  @TempDir Path directory;

  @Test
  void a_file_in_the_directory_is_read_trimmed_and_a_missing_name_is_a_configuration_error()
      throws Exception {
    Files.writeString(directory.resolve("METROFIBER_URL"), "https://portal.example/mfn\n");
    Secrets secrets = Secrets.fromDirectory(directory);

    assertThat(secrets.find("METROFIBER_URL")).hasValue("https://portal.example/mfn");
    assertThatThrownBy(() -> secrets.require("RPA_TEST_UNSET_VARIABLE"))
        .isInstanceOfSatisfying(
            FlowFailure.class,
            failure -> {
              assertThat(failure.type()).isEqualTo("ConfigurationError");
              assertThat(failure.isBusiness()).isTrue();
            })
        .hasMessage("RPA_TEST_UNSET_VARIABLE is not configured");
  }

  @Test
  void values_put_in_front_win_over_the_directory_and_leave_other_names_and_the_original_alone()
      throws Exception {
    Files.writeString(directory.resolve("METROFIBER_URL"), "https://portal.example/mfn");
    Files.writeString(directory.resolve("METROFIBER_EMAIL"), "real@isp.example");
    Files.writeString(directory.resolve("OPENSERVE_URL"), "https://portal.example/osn");
    Secrets configured = Secrets.fromDirectory(directory);

    Secrets demo =
        configured
            .with(Map.of("METROFIBER_URL", "http://127.0.0.1:4000/mfn"))
            .with(Map.of("METROFIBER_EMAIL", "ops@isp.example"));

    assertThat(demo.find("METROFIBER_URL")).hasValue("http://127.0.0.1:4000/mfn");
    assertThat(demo.find("METROFIBER_EMAIL")).hasValue("ops@isp.example");
    assertThat(demo.find("OPENSERVE_URL")).hasValue("https://portal.example/osn");
    assertThat(demo.find("RPA_TEST_UNSET_VARIABLE")).isEmpty();
    assertThat(configured.find("METROFIBER_URL")).hasValue("https://portal.example/mfn");
  }
}
