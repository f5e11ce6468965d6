package org.rpa.server.worker;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The credential of one dispatch to a remote worker: HMAC-SHA256 over the job id, occurrence,
 * attempt and executor id under a key derived from the orchestrator's secret. The orchestrator
 * sends it with the job in {@code POST /execute}; the worker returns it with the result in {@code
 * POST /callbacks/job-complete}; the orchestrator recomputes it and refuses a result without the
 * credential of the dispatch it names. Holding the shared worker token is therefore not enough to
 * complete someone else's job: only the orchestrator can mint credentials.
 *
 * <p>The key is {@code HMAC-SHA256(secret, "rpa callback credential v1")}: every orchestrator of a
 * cluster that shares {@code JWT_SECRET} derives the same key (a worker's callback may reach any of
 * them), and the key is not the JWT signing key itself. The credential is the unpadded base64url
 * encoding of {@code HMAC-SHA256(key, jobId "\n" occurrence "\n" attempt "\n" executorId)}.
 *
 * <p>Thread-safe.
 */
public final class CallbackCredentials {
  static final String LABEL = "rpa callback credential v1";
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  private CallbackCredentials(byte[] key) {
    this.key = new SecretKeySpec(key, ALGORITHM);
  }

  /** The credentials derived from {@code secret} (the orchestrator's {@code JWT_SECRET}). */
  public static CallbackCredentials derivedFrom(String secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("secret must not be empty");
    }
    return new CallbackCredentials(
        hmac(
            new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM),
            LABEL.getBytes(StandardCharsets.UTF_8)));
  }

  /** The credential of the dispatch of {@code jobId}'s {@code attempt} to {@code executorId}. */
  public String sign(long jobId, int occurrence, int attempt, String executorId) {
    Objects.requireNonNull(executorId, "executorId");
    String message = jobId + "\n" + occurrence + "\n" + attempt + "\n" + executorId;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(hmac(key, message.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Whether {@code credential} is the credential of that dispatch, compared in constant time.
   *
   * @param credential as the worker returned it; null is never valid
   */
  public boolean verify(
      String credential, long jobId, int occurrence, int attempt, String executorId) {
    if (credential == null || executorId == null) {
      return false;
    }
    return MessageDigest.isEqual(
        sign(jobId, occurrence, attempt, executorId).getBytes(StandardCharsets.US_ASCII),
        credential.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] hmac(SecretKeySpec key, byte[] message) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "CallbackCredentials[key=***]";
  }
}
