package org.rpa.server.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * HTTPS from a PEM certificate chain and a PEM PKCS#8 private key (RSA or EC), with TLS 1.2 as the
 * minimum: only TLSv1.2 and TLSv1.3 are enabled, whatever the JVM would allow.
 */
public final class Tls {
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
  private static final char[] STORE_PASSWORD = "rpa-in-memory".toCharArray();

  private Tls() {}

  /**
   * A Jetty SSL context factory for the server.
   *
   * @throws IllegalArgumentException if the files cannot be read or parsed
   */
  public static SslContextFactory.Server contextFactory(Path certificatePem, Path keyPem) {
    SslContextFactory.Server factory = new SslContextFactory.Server();
    factory.setKeyStore(keyStore(certificatePem, keyPem));
    factory.setKeyStorePassword(new String(STORE_PASSWORD));
    factory.setIncludeProtocols(PROTOCOLS.toArray(String[]::new));
    factory.setExcludeProtocols("SSLv3", "TLSv1", "TLSv1.1");
    // A client certificate is not asked for; SNI host checks off so an IP address works.
    factory.setSniRequired(false);
    return factory;
  }

  /** An HTTPS connector on {@code host:port} for Javalin's {@code cfg.jetty.addConnector}. */
  public static ServerConnector connector(
      Server server,
      HttpConfiguration http,
      SslContextFactory.Server factory,
      String host,
      int port) {
    HttpConfiguration https = new HttpConfiguration(http);
    SecureRequestCustomizer customizer = new SecureRequestCustomizer();
    customizer.setSniHostCheck(false);
    https.addCustomizer(customizer);
    ServerConnector connector =
        new ServerConnector(
            server,
            new SslConnectionFactory(factory, "http/1.1"),
            new HttpConnectionFactory(https));
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }

  private static KeyStore keyStore(Path certificatePem, Path keyPem) {
    try (InputStream certificates = Files.newInputStream(certificatePem)) {
      List<Certificate> chain =
          List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(certificates));
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("SSL_CERT_PATH holds no certificate: " + certificatePem);
      }
      PrivateKey key = privateKey(keyPem, chain.get(0).getPublicKey().getAlgorithm());
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("rpa", key, STORE_PASSWORD, chain.toArray(Certificate[]::new));
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "Cannot load TLS certificate and key from SSL_CERT_PATH/SSL_KEY_PATH: " + e.getMessage(),
          e);
    }
  }

  private static PrivateKey privateKey(Path keyPem, String algorithm)
      throws IOException, GeneralSecurityException {
    String text = Files.readString(keyPem, StandardCharsets.US_ASCII);
    if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new IllegalArgumentException(
          "SSL_KEY_PATH must be an unencrypted PKCS#8 PEM (BEGIN PRIVATE KEY); convert with"
              + " openssl pkcs8 -topk8 -nocrypt");
    }
    String base64 =
        text.substring(
                text.indexOf("-----BEGIN PRIVATE KEY-----") + 27,
                text.indexOf("-----END PRIVATE KEY-----"))
            .replaceAll("\\s", "");
    byte[] der = Base64.getDecoder().decode(base64);
    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
  }
}
