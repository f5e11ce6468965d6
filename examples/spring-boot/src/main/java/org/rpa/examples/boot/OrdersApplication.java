package org.rpa.examples.boot;

import java.util.Map;
import org.rpa.core.job.JobResult;
import org.rpa.spring.boot.RpaHandler;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Orders, each confirmed by a durable job {@code orders.confirm}: {@code POST
 * /orders/{id}/confirmation} submits it, the handler below runs it on the orchestrator's threads,
 * and {@code GET /jobs/{id}} shows how it went. The orchestrator comes from the starter, on this
 * application's DataSource.
 */
@SpringBootApplication
public class OrdersApplication {

  public static void main(String[] args) {
    SpringApplication.run(OrdersApplication.class, args);
  }

  /** Confirms one order; a job for an order that does not exist fails without retries. */
  @Bean
  RpaHandler confirmOrder(JdbcTemplate jdbc) {
    return RpaHandler.of(
        "orders",
        "confirm",
        context -> {
          long id = ((Number) context.params().get("orderId")).longValue();
          int changed = jdbc.update("update orders set status = 'CONFIRMED' where id = ?", id);
          if (changed == 0) {
            return JobResult.businessFailure("OrderNotFound", "There is no order " + id);
          }
          return JobResult.success(Map.of("orderId", id, "status", "CONFIRMED"));
        });
  }
}
