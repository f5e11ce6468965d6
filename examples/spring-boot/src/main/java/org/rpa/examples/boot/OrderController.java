package org.rpa.examples.boot;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rpa.core.Orchestrator;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Submits confirmations as jobs and shows them. */
@RestController
class OrderController {
  private final Orchestrator rpa;

  OrderController(Orchestrator rpa) {
    this.rpa = rpa;
  }

  /** 202 with the job's id; the same order confirmed twice is one job (its idempotency key). */
  @PostMapping("/orders/{orderId}/confirmation")
  ResponseEntity<Map<String, Object>> confirm(@PathVariable("orderId") long orderId) {
    JobId id =
        rpa.jobs()
            .submit(
                JobRequest.of("orders", "confirm")
                    .param("orderId", orderId)
                    .idempotencyKey("confirm-order-" + orderId));
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("jobId", id.toString()));
  }

  @GetMapping("/jobs/{jobId}")
  ResponseEntity<Map<String, Object>> job(@PathVariable("jobId") long jobId) {
    return rpa.jobs()
        .find(JobId.of(jobId))
        .map(job -> ResponseEntity.ok(view(job)))
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).build());
  }

  private static Map<String, Object> view(Job job) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("jobId", job.id().toString());
    view.put("type", job.type());
    view.put("status", job.status().name());
    view.put("attempts", job.attempts());
    if (job.result() != null) {
      view.put("result", job.result());
    }
    if (job.error() != null) {
      view.put("error", job.error().message());
    }
    return view;
  }
}
