package org.rpa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The repository's {@code Containerfile}, checked without a container daemon: its base, packages,
 * user, data directory, {@code SECRETS_DIR}, ports and entry point.
 */
class ContainerfileTest {
  @Test
  void the_containerfile_runs_the_jar_as_a_non_root_user_of_group_0_with_chromium()
      throws Exception {
    List<String[]> instructions = Containerfile.instructions();
    assertThat(instructions.get(0)[0]).isEqualTo("FROM");
    assertThat(Containerfile.arguments(instructions, "FROM"))
        .singleElement()
        .asString()
        .matches("docker\\.io/library/debian:[a-z]+-slim");

    String install =
        Containerfile.arguments(instructions, "RUN").stream()
            .filter(r -> r.contains("apt-get install"))
            .findFirst()
            .orElseThrow();
    assertThat(install.split(" "))
        .contains("openjdk-17-jre-headless", "chromium", "chromium-driver", "tini");
    assertThat(install).contains("--no-install-recommends").endsWith("rm -rf /var/lib/apt/lists/*");

    // The user: UID 10001, primary group 0; USER names it by number (runAsNonRoot can check it).
    String user =
        Containerfile.arguments(instructions, "RUN").stream()
            .filter(r -> r.contains("useradd"))
            .findFirst()
            .orElseThrow();
    assertThat(user).contains("useradd --uid 10001 --gid 0 ");
    assertThat(Containerfile.arguments(instructions, "USER")).containsExactly("10001:0");

    // The data directory belongs to group 0 and is writable by it (OpenShift's arbitrary UID).
    Map<String, String> env = Containerfile.environment(instructions);
    assertThat(user)
        .contains("mkdir -p /opt/rpa /var/lib/rpa/data /var/run/secrets/rpa")
        .contains("chown -R 10001:0 /var/lib/rpa")
        .contains("chmod -R g=u /var/lib/rpa");
    assertThat(env.get("DATABASE_URL")).isEqualTo("jdbc:h2:file:/var/lib/rpa/data/rpa");
    assertThat(env.get("EVIDENCE_DIR")).startsWith("/var/lib/rpa/data/");
    assertThat(Containerfile.arguments(instructions, "WORKDIR")).containsExactly("/var/lib/rpa");
    assertThat(env)
        .containsEntry("SECRETS_DIR", "/var/run/secrets/rpa")
        .containsEntry("HOME", "/var/lib/rpa")
        .containsEntry("CHROMIUM_PATH", ServerConfig.DEFAULT_CHROMIUM_PATH)
        .containsEntry("CHROMEDRIVER_PATH", ServerConfig.DEFAULT_CHROMEDRIVER_PATH);
    // What the image sets is a valid configuration (the image's own defaults, in production).
    Map<String, String> production = new HashMap<>(env);
    production.remove("SECRETS_DIR");
    production.put("JWT_SECRET", "x".repeat(48));
    production.put("ADMIN_PASSWORD", "a-long-admin-password");
    assertThat(ServerConfig.from(production, null).databaseUrl())
        .isEqualTo("jdbc:h2:file:/var/lib/rpa/data/rpa");

    assertThat(Containerfile.arguments(instructions, "EXPOSE")).containsExactly("8620 8621");
    assertThat(Containerfile.arguments(instructions, "COPY"))
        .containsExactly(
            "--chown=10001:0 rpa-server/target/rpa-server.jar /opt/rpa/rpa-server.jar");
    assertThat(Files.readString(DeploymentFilesTest.ROOT.resolve("rpa-server/pom.xml")))
        .contains("<finalName>rpa-server</finalName>");
    JsonNode entry =
        new ObjectMapper().readTree(Containerfile.arguments(instructions, "ENTRYPOINT").get(0));
    assertThat(entry.isArray()).as("exec form, so that SIGTERM reaches the JVM").isTrue();
    assertThat(DeploymentFilesTest.texts(entry))
        .containsExactly(
            "/usr/bin/tini",
            "--",
            "java",
            "-XX:MaxRAMPercentage=75",
            "-jar",
            "/opt/rpa/rpa-server.jar");
    assertThat(Containerfile.arguments(instructions, "CMD")).containsExactly("[]");
  }
}
