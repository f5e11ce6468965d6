package org.rpa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The repository's {@code deploy/} manifests, checked without a cluster: each overlay is rendered
 * by the real {@code kubectl kustomize}, run as a process, and the objects it renders are checked
 * against each other, the image ({@link ContainerfileTest}) and the server's own configuration
 * parsers.
 */
class DeploymentFilesTest {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  // ---- deploy/ ------------------------------------------------------------------------------

  /** {@code kubectl kustomize deploy/overlays/<overlay>}, as objects by "Kind/name". */
  private static Map<String, JsonNode> render(String overlay) throws Exception {
    Process process =
        new ProcessBuilder("kubectl", "kustomize", "deploy/overlays/" + overlay)
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("kubectl kustomize: %s", out).isZero();
    Map<String, JsonNode> objects = new LinkedHashMap<>();
    try (var parser = YAML.getFactory().createParser(out)) {
      for (JsonNode object : (Iterable<JsonNode>) () -> readAll(parser)) {
        objects.put(
            object.path("kind").asText() + "/" + object.at("/metadata/name").asText(), object);
      }
    }
    assertThat(objects).isNotEmpty();
    return objects;
  }

  private static java.util.Iterator<JsonNode> readAll(
      com.fasterxml.jackson.core.JsonParser parser) {
    try {
      return YAML.readValues(parser, JsonNode.class);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static JsonNode container(JsonNode workload) {
    JsonNode containers = workload.at("/spec/template/spec/containers");
    assertThat(containers.size()).isEqualTo(1);
    return containers.get(0);
  }

  private static Map<String, String> data(JsonNode object, String field) {
    Map<String, String> data = new LinkedHashMap<>();
    object.path(field).fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
    return data;
  }

  /** What a container's environment is: the ConfigMaps it takes, then its own {@code env}. */
  private static Map<String, String> environment(
      JsonNode container, Map<String, JsonNode> objects) {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode from : container.path("envFrom")) {
      JsonNode map = objects.get("ConfigMap/" + from.at("/configMapRef/name").asText());
      assertThat(map).as("the ConfigMap %s", from).isNotNull();
      env.putAll(data(map, "data"));
    }
    for (JsonNode variable : container.path("env")) {
      env.put(variable.path("name").asText(), variable.path("value").asText());
    }
    return env;
  }

  /** The files the container sees in {@code SECRETS_DIR}: the projected Secrets' keys. */
  private static Map<String, String> secretsDir(
      JsonNode workload, JsonNode container, Map<String, JsonNode> objects) throws IOException {
    String secretsDir = Containerfile.environment(Containerfile.instructions()).get("SECRETS_DIR");
    JsonNode mount = null;
    for (JsonNode m : container.path("volumeMounts")) {
      if (m.path("mountPath").asText().equals(secretsDir)) {
        mount = m;
      }
    }
    assertThat(mount).as("a volume at SECRETS_DIR %s", secretsDir).isNotNull();
    assertThat(mount.path("readOnly").asBoolean()).isTrue();
    JsonNode volume = null;
    for (JsonNode v : workload.at("/spec/template/spec/volumes")) {
      if (v.path("name").asText().equals(mount.path("name").asText())) {
        volume = v;
      }
    }
    assertThat(volume).isNotNull();
    Map<String, String> files = new LinkedHashMap<>();
    for (JsonNode source : volume.at("/projected/sources")) {
      JsonNode secret = objects.get("Secret/" + source.at("/secret/name").asText());
      assertThat(secret).as("the Secret %s", source).isNotNull();
      Map<String, String> keys = data(secret, "stringData");
      if (source.at("/secret/items").isMissingNode()) {
        files.putAll(keys);
      } else {
        for (JsonNode item : source.at("/secret/items")) {
          assertThat(keys).containsKey(item.path("key").asText());
          files.put(item.path("path").asText(), keys.get(item.path("key").asText()));
        }
      }
    }
    return files;
  }

  private static void assertHttpProbe(JsonNode probe, String path, String port) {
    assertThat(probe.at("/httpGet/path").asText()).as(probe.toString()).isEqualTo(path);
    assertThat(probe.at("/httpGet/port").asText()).isEqualTo(port);
  }

  private static void assertSecure(JsonNode workload, JsonNode container) {
    assertThat(workload.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean())
        .isTrue();
    assertThat(workload.at("/spec/template/spec/securityContext/seccompProfile/type").asText())
        .isEqualTo("RuntimeDefault");
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
    assertThat(texts(container.at("/securityContext/capabilities/drop"))).containsExactly("ALL");
    assertThat(container.at("/resources/requests/cpu").asText()).isNotEmpty();
    assertThat(container.at("/resources/requests/memory").asText()).isNotEmpty();
  }

  /** Checks both overlays share: the orchestrator, the workers, their Services, PDBs and keys. */
  private static Map<String, JsonNode> checkCommon(String overlay) throws Exception {
    Map<String, JsonNode> objects = render(overlay);
    assertThat(objects.values())
        .filteredOn(o -> !o.path("kind").asText().equals("Namespace"))
        .allSatisfy(o -> assertThat(o.at("/metadata/namespace").asText()).isEqualTo("rpa-system"));

    // The orchestrator: two replicas on PostgreSQL, probes, port, secrets, scrape annotations.
    JsonNode orchestrator = objects.get("Deployment/rpa-orchestrator");
    assertThat(orchestrator).as(objects.keySet().toString()).isNotNull();
    assertThat(orchestrator.at("/spec/replicas").asInt()).isEqualTo(2);
    JsonNode main = container(orchestrator);
    assertThat(main.path("args").isMissingNode() || main.path("args").isEmpty()).isTrue();
    assertThat(main.at("/ports/0/containerPort").asInt()).isEqualTo(8620);
    assertThat(main.at("/ports/0/name").asText()).isEqualTo("http");
    assertHttpProbe(main.path("startupProbe"), "/health/live", "http");
    assertHttpProbe(main.path("livenessProbe"), "/health/live", "http");
    assertHttpProbe(main.path("readinessProbe"), "/health/ready", "http");
    assertThat(
            main.at("/startupProbe/periodSeconds").asInt()
                * main.at("/startupProbe/failureThreshold").asInt())
        .as("seconds the migrations get before the liveness probe counts")
        .isGreaterThanOrEqualTo(120);
    assertSecure(orchestrator, main);
    Map<String, String> annotations =
        data(orchestrator.at("/spec/template/metadata"), "annotations");
    assertThat(annotations)
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/port", "8620")
        .containsEntry("prometheus.io/path", "/metrics/prometheus");
    Map<String, String> env = environment(main, objects);
    assertThat(env).containsEntry("PORT", "8620").containsEntry("HOST", "0.0.0.0");
    Map<String, String> secrets = secretsDir(orchestrator, main, objects);
    assertThat(secrets.get("DATABASE_URL")).startsWith("postgresql://");
    assertThat(secrets)
        .containsKeys("JWT_SECRET", "ADMIN_USERNAME", "ADMIN_PASSWORD", "WORKER_AUTH_TOKEN");
    assertThat(orchestrator.at("/spec/template/spec/terminationGracePeriodSeconds").asInt())
        .as("room for the shutdown delay and timeout")
        .isGreaterThan(
            Integer.parseInt(env.get("SHUTDOWN_DELAY_SECONDS"))
                + Integer.parseInt(env.get("SHUTDOWN_TIMEOUT_SECONDS")));
    // With real secret values, what the pod gets is a configuration the server accepts.
    Map<String, String> real = new HashMap<>(env);
    real.putAll(secrets);
    real.put("JWT_SECRET", "j".repeat(48));
    real.put("ADMIN_PASSWORD", "a-long-admin-password");
    real.put("WORKER_AUTH_TOKEN", "w".repeat(32));
    ServerConfig config = ServerConfig.from(real, null);
    assertThat(config.port()).isEqualTo(8620);
    assertThat(config.maxWorkers()).isZero();
    WorkerConfig workers = WorkerConfig.fromEnvironment(real);
    workers.requireTokenForWorkers();

    JsonNode service = objects.get("Service/rpa-orchestrator");
    assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(8620);
    assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
    assertThat(data(orchestrator.at("/spec/template/metadata"), "labels"))
        .containsAllEntriesOf(data(service.path("spec"), "selector"));
    JsonNode budget = objects.get("PodDisruptionBudget/rpa-orchestrator");
    assertThat(budget.at("/spec/minAvailable").asInt()).isEqualTo(1);
    assertThat(data(orchestrator.at("/spec/template/metadata"), "labels"))
        .containsAllEntriesOf(data(budget.at("/spec/selector"), "matchLabels"));

    // The workers: one stable address each, named by WORKER_URLS; port 8621; the token.
    JsonNode worker = objects.get("StatefulSet/rpa-worker");
    int replicas = worker.at("/spec/replicas").asInt();
    assertThat(replicas).isEqualTo(2);
    JsonNode work = container(worker);
    assertThat(texts(work.path("args"))).containsExactly("worker");
    assertThat(work.at("/ports/0/containerPort").asInt()).isEqualTo(8621);
    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      assertThat(work.at("/" + probe + "/tcpSocket/port").asText()).isEqualTo("worker");
    }
    assertSecure(worker, work);
    String headless = worker.at("/spec/serviceName").asText();
    JsonNode workerService = objects.get("Service/" + headless);
    assertThat(workerService.at("/spec/clusterIP").asText()).isEqualTo("None");
    assertThat(workerService.at("/spec/ports/0/port").asInt()).isEqualTo(8621);
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < replicas; i++) {
      urls.add("http://rpa-worker-" + i + "." + headless + ":8621");
    }
    assertThat(workers.workerUrls()).containsExactlyElementsOf(urls);
    Map<String, String> workerEnv = environment(work, objects);
    assertThat(workerEnv).containsEntry("WORKER_PORT", "8621").doesNotContainKey("PORT");
    Map<String, String> workerSecrets = secretsDir(worker, work, objects);
    assertThat(workerSecrets)
        .containsKey("WORKER_AUTH_TOKEN")
        .containsKey("METROFIBER_URL")
        .doesNotContainKeys("DATABASE_URL", "JWT_SECRET", "ADMIN_PASSWORD");
    Map<String, String> workerReal = new HashMap<>(workerEnv);
    workerReal.putAll(workerSecrets);
    workerReal.put("WORKER_AUTH_TOKEN", "w".repeat(32));
    WorkerConfig asWorker = WorkerConfig.fromEnvironment(workerReal);
    asWorker.requireToken("running as a worker");
    asWorker.requireCapacity();
    assertThat(asWorker.port()).isEqualTo(8621);
    assertThat(objects.get("PodDisruptionBudget/rpa-worker").at("/spec/maxUnavailable").asInt())
        .isEqualTo(1);
    assertThat(
            objects
                .get("NetworkPolicy/rpa-worker")
                .at("/spec/ingress/0/from/0/podSelector/matchLabels/app.kubernetes.io~1name")
                .asText())
        .isEqualTo("rpa-orchestrator");

    // Every key of the ConfigMap and the Secrets is one the documentation describes.
    String documented = Files.readString(ROOT.resolve("docs/configuration.md"));
    List<String> keys = new ArrayList<>();
    objects.values().stream()
        .filter(o -> o.path("kind").asText().matches("ConfigMap|Secret"))
        .forEach(
            o -> {
              keys.addAll(data(o, "data").keySet());
              keys.addAll(data(o, "stringData").keySet());
            });
    assertThat(keys)
        .isNotEmpty()
        .allSatisfy(key -> assertThat(documented).contains("`" + key + "`"));
    return objects;
  }

  @Test
  void the_kubernetes_overlay_renders_the_services_with_a_fixed_non_root_user_and_an_ingress()
      throws Exception {
    Map<String, JsonNode> objects = checkCommon("kubernetes");
    for (String workload : List.of("Deployment/rpa-orchestrator", "StatefulSet/rpa-worker")) {
      JsonNode security = objects.get(workload).at("/spec/template/spec/securityContext");
      assertThat(security.path("runAsUser").asInt()).as(workload).isEqualTo(10001);
      assertThat(security.path("runAsGroup").asInt(-1)).isZero();
      assertThat(security.path("fsGroup").asInt(-1)).isZero();
      assertThat(container(objects.get(workload)).path("image").asText())
          .isEqualTo("registry.example.com/rpa/rpa-server:0.1.0");
    }
    assertThat(objects)
        .containsKey("Namespace/rpa-system")
        .doesNotContainKey("Route/rpa-orchestrator");
    JsonNode ingress = objects.get("Ingress/rpa-orchestrator");
    assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/name").asText())
        .isEqualTo("rpa-orchestrator");
    assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/port/name").asText())
        .isEqualTo("http");
    assertThat(objects.get("ConfigMap/rpa-config").at("/data/AUTHORIZED_WORKER_IPS").asText())
        .isEqualTo("10.244.0.0/16");
  }

  @Test
  void the_openshift_overlay_leaves_the_uid_to_openshift_and_adds_a_route() throws Exception {
    Map<String, JsonNode> objects = checkCommon("openshift");
    for (String workload : List.of("Deployment/rpa-orchestrator", "StatefulSet/rpa-worker")) {
      JsonNode security = objects.get(workload).at("/spec/template/spec/securityContext");
      assertThat(security.has("runAsUser"))
          .as("a fixed UID, which restricted-v2 refuses")
          .isFalse();
      assertThat(security.has("fsGroup")).isFalse();
    }
    assertThat(objects.keySet())
        .noneMatch(k -> k.startsWith("Namespace/") || k.startsWith("Ingress/"));
    JsonNode route = objects.get("Route/rpa-orchestrator");
    assertThat(route.at("/spec/to/name").asText()).isEqualTo("rpa-orchestrator");
    assertThat(route.at("/spec/port/targetPort").asText()).isEqualTo("http");
    assertThat(route.at("/spec/tls/termination").asText()).isEqualTo("edge");
    assertThat(objects.get("ConfigMap/rpa-config").at("/data/AUTHORIZED_WORKER_IPS").asText())
        .isEqualTo("10.128.0.0/14");
  }
}
