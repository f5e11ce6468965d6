package org.rpa.automation;

import java.util.Map;
import java.util.Objects;
import org.rpa.automation.totp.TotpService;
import org.rpa.core.job.JobContext;

/** What a {@link Flow} gets for one job: its steps, parameters, configuration and TOTP codes. */
public final class FlowContext {
  private final Steps steps;
  private final JobContext job;
  private final Secrets secrets;
  private final TotpService totp;

  FlowContext(Steps steps, JobContext job, Secrets secrets, TotpService totp) {
    this.steps = steps;
    this.job = job;
    this.secrets = secrets;
    this.totp = totp;
  }

  public Steps steps() {
    return steps;
  }

  public JobContext job() {
    return job;
  }

  public Map<String, Object> params() {
    return job.params();
  }

  /** The job's {@code circuit_number}; a business failure if it is missing. */
  public String circuitNumber() {
    Object value = job.params().get("circuit_number");
    if (value == null || value.toString().isBlank()) {
      throw FlowFailure.business("ValidationError", "circuit_number is required");
    }
    return value.toString().trim();
  }

  /** A configured variable, such as {@code METROFIBER_URL}. */
  public String secret(String name) {
    return secrets.require(name);
  }

  /**
   * A TOTP code for the secret in variable {@code secretName}, spent once for this job; waits for
   * the next time step when the current and next are both spent.
   */
  public String totpCode(String secretName) throws InterruptedException {
    Objects.requireNonNull(
        totp, "TOTP needs a ledger: bind the BrowserAutomation to an orchestrator");
    return totp.spend(secret(secretName), job.idempotencyKey(), job::awaitCancellation).code();
  }
}
