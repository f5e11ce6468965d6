package org.rpa.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.automation.evidence.Evidence;
import org.rpa.core.job.JobRequest;
import org.rpa.core.testing.ManualOrchestrator;
import org.rpa.core.testing.MutableClock;
import org.rpa.server.security.AuditLog;
import org.rpa.server.security.AuthFilter;
import org.rpa.server.security.JwtTokens;
import org.rpa.server.security.PasswordHasher;
import org.rpa.server.security.Principal;
import org.rpa.server.security.Role;
import org.rpa.server.security.Users;

/** The privacy service decides a request without HTTP: the route only parses and renders. */
class PrivacyRequestsTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef-test-secret";
  @TempDir Path temp;
  final MutableClock clock = MutableClock.at("2026-03-04T05:06:07Z");
  ManualOrchestrator rpa;
  JwtTokens tokens;
  PrivacyRequests privacy;

  @BeforeEach
  void start() {
    rpa =
        ManualOrchestrator.builder()
            .database("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
            .clock(clock)
            .jobType("mfn", "validation")
            .build();
    tokens = new JwtTokens("HS256", SECRET, "rpa-orchestrator", Duration.ofMinutes(60), clock);
    Users users =
        new Users(new PasswordHasher(4)).add("admin", "a-long-admin-password", Role.ADMIN);
    Evidence evidence = new Evidence(temp, clock, Duration.ofDays(30));
    privacy =
        new PrivacyRequests(
            new SubjectData(rpa.privacy(), evidence, clock),
            rpa.jobs(),
            evidence,
            new AuditLog(),
            new AuthFilter(tokens, users),
            clock);
  }

  @AfterEach
  void stop() {
    rpa.close();
  }

  private static DataRequest request(String type, String subject) {
    return new DataRequest(type, "jane@example.com", null, subject, null, null);
  }

  @Test
  void a_request_without_a_token_is_received_under_a_new_reference_of_the_day() {
    var outcome =
        privacy.handle(
            request("access", "MFN-100001"), new PrivacyRequests.Caller(null, "127.0.0.1"));

    assertThat(outcome).isInstanceOf(PrivacyRequests.Received.class);
    assertThat(outcome.reference()).matches("DSR-20260304-[0-9a-f]{8}");
  }

  @Test
  void an_officer_access_request_answers_the_subjects_jobs() {
    rpa.jobs().submit(JobRequest.of("mfn", "validation").param("circuit_number", "MFN-100001"));
    rpa.jobs().submit(JobRequest.of("mfn", "validation").param("circuit_number", "MFN-100002"));
    String officer = "Bearer " + tokens.issue(new Principal("admin", Role.ADMIN));

    var outcome =
        privacy.handle(
            request("access", "MFN-100001"), new PrivacyRequests.Caller(officer, "127.0.0.1"));

    assertThat(outcome).isInstanceOf(PrivacyRequests.Access.class);
    assertThat(((PrivacyRequests.Access) outcome).jobs()).hasSize(1);
  }

  @Test
  void a_bad_token_is_refused_never_taken_for_no_token() {
    assertThatThrownBy(
            () ->
                privacy.handle(
                    request("deletion", "MFN-100001"),
                    new PrivacyRequests.Caller("Bearer not-a-token", "127.0.0.1")))
        .isInstanceOf(AuthFilter.NotAuthenticatedException.class);
  }

  @Test
  void an_unknown_request_type_is_refused_naming_the_field() {
    assertThatThrownBy(
            () ->
                privacy.handle(
                    request("export", null), new PrivacyRequests.Caller(null, "127.0.0.1")))
        .isInstanceOf(InvalidDataRequestException.class)
        .hasMessageStartingWith("request_type must be one of");
  }
}
