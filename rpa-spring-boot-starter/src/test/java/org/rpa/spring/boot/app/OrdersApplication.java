package org.rpa.spring.boot.app;

import java.util.Map;
import org.rpa.core.job.JobResult;
import org.rpa.spring.boot.RpaHandler;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A small Boot application with its own Flyway schema ({@code db/migration/V1__orders.sql}) and one
 * job type, {@code orders.confirm}, that changes its own table.
 */
@SpringBootApplication
public class OrdersApplication {

  @Bean
  RpaHandler confirmOrder(JdbcTemplate jdbc) {
    return RpaHandler.of(
        "orders",
        "confirm",
        context -> {
          long id = ((Number) context.params().get("orderId")).longValue();
          int changed = jdbc.update("update orders set status = 'CONFIRMED' where id = ?", id);
          return changed == 1
              ? JobResult.success(Map.of("confirmed", id))
              : JobResult.businessFailure("OrderNotFound", "no order " + id);
        });
  }
}
