package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.server.TestServer;

/** HTTPS from PEM files, with a throwaway self-signed certificate made by openssl. */
class TlsIT {
  @TempDir static Path directory;
  private static TestServer server;
  private static Path cert;

  @BeforeAll
  static void start() throws Exception {
    cert = directory.resolve("cert.pem");
    Path key = directory.resolve("key.pem");
    Result made =
        run(
            List.of(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString()));
    assertThat(made.exit()).as(made.output()).isZero();
    server =
        new TestServer(Map.of("SSL_CERT_PATH", cert.toString(), "SSL_KEY_PATH", key.toString()));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void tls_1_2_is_accepted_by_the_jdk_client() throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(trusting(cert))
            .sslParameters(new SSLParameters(null, new String[] {"TLSv1.2"}))
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(java.net.URI.create(server.base() + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(server.base()).startsWith("https://");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("healthy");
    assertThat(response.headers().firstValue("Strict-Transport-Security"))
        .hasValue("max-age=31536000");
  }

  @Test
  void a_tls_1_1_handshake_is_refused_while_the_same_client_gets_tls_1_2() throws Exception {
    String address = "127.0.0.1:" + server.server.port();
    // SECLEVEL=0 lets OpenSSL 3 offer TLS 1.1 at all, so a failure is the server's refusal.
    Result old = handshake(address, "-tls1_1");
    Result current = handshake(address, "-tls1_2");

    assertThat(old.exit()).as(old.output()).isNotZero();
    assertThat(old.output()).doesNotContain("no protocols available");
    assertThat(old.output())
        .containsAnyOf(
            "alert protocol version",
            "unsupported protocol",
            "handshake failure",
            "wrong version number");
    assertThat(current.exit()).as(current.output()).isZero();
    assertThat(current.output()).contains("TLSv1.2");
  }

  @Test
  void plain_http_on_the_https_port_gets_no_api_answer() {
    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String url = "http://127.0.0.1:" + server.server.port() + "/health";

    HttpResponse<String> response;
    try {
      response =
          plain.send(
              HttpRequest.newBuilder(java.net.URI.create(url)).build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException refused) {
      return;
    }
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).doesNotContain("healthy");
  }

  private static Result handshake(String address, String version) throws Exception {
    return run(
        List.of(
            "openssl",
            "s_client",
            "-connect",
            address,
            version,
            "-cipher",
            "DEFAULT@SECLEVEL=0",
            "-servername",
            "localhost"));
  }

  private static SSLContext trusting(Path certificate) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      trust.setCertificateEntry(
          "rpa", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  record Result(int exit, String output) {}

  static Result run(List<String> command) throws Exception {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }
}
