package org.rpa.core.supervise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.rpa.core.InvalidRequestException;
import org.rpa.core.supervise.RestartEvent.Kind;

class RestartHistoryTest {
  private static final Instant START = Instant.parse("2025-12-27T09:00:00Z");
  private final RestartHistory history = new RestartHistory();

  @Test
  void pages_are_newest_first_with_pagination_fields() {
    for (int i = 0; i < 5; i++) {
      history.add(event(i % 2 == 0 ? "alpha" : "beta", i));
    }

    RestartHistoryPage first = history.page(null, 2, 0);
    assertThat(first.items()).extracting(RestartEvent::attempt).containsExactly(4, 3);
    assertThat(first.total()).isEqualTo(5);
    assertThat(first.itemsCount()).isEqualTo(2);
    assertThat(first.hasMore()).isTrue();

    RestartHistoryPage last = history.page(null, 2, 4);
    assertThat(last.items()).extracting(RestartEvent::attempt).containsExactly(0);
    assertThat(last.hasMore()).isFalse();
    assertThat(history.page(null, 10, 50).items()).isEmpty();
  }

  @Test
  void filter_by_worker_name() {
    for (int i = 0; i < 5; i++) {
      history.add(event(i % 2 == 0 ? "alpha" : "beta", i));
    }

    RestartHistoryPage page = history.page("alpha", 50, 0);

    assertThat(page.items()).extracting(RestartEvent::attempt).containsExactly(4, 2, 0);
    assertThat(page.total()).isEqualTo(3);
    assertThat(history.page("gamma", 50, 0).total()).isZero();
  }

  @Test
  void keeps_at_most_one_thousand_events() {
    for (int i = 0; i < RestartHistory.CAPACITY + 5; i++) {
      history.add(event("alpha", i));
    }

    assertThat(history.size()).isEqualTo(1_000);
    assertThat(history.page(null, 1, 0).items().get(0).attempt()).isEqualTo(1_004);
    assertThat(history.page(null, 1, 999).items().get(0).attempt()).isEqualTo(5);
  }

  @Test
  void events_the_records_refuse_wait_in_order_for_the_next_flush() {
    java.util.concurrent.atomic.AtomicBoolean down =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    RestartRecords memory = RestartRecords.inMemory(10);
    RestartRecords flaky =
        new RestartRecords() {
          @Override
          public void append(RestartEvent event) {
            if (down.get()) {
              throw new org.rpa.core.StoreException(
                  "record restart", new java.sql.SQLException("down"));
            }
            memory.append(event);
          }

          @Override
          public RestartHistoryPage page(String loopName, int limit, int offset) {
            return memory.page(loopName, limit, offset);
          }

          @Override
          public int count() {
            return memory.count();
          }
        };
    RestartHistory stored = new RestartHistory(flaky);
    stored.add(event("alpha", 0));
    stored.add(event("alpha", 1));

    stored.flush();
    assertThat(memory.count()).isZero();

    down.set(false);
    assertThat(stored.page(null, 10, 0).items())
        .extracting(RestartEvent::attempt)
        .containsExactly(1, 0);
    assertThat(stored.size()).isEqualTo(2);
  }

  @Test
  void out_of_range_arguments_are_invalid_requests() {
    assertInvalid(() -> history.page(null, 0, 0), "limit");
    assertInvalid(() -> history.page(null, 101, 0), "limit");
    assertInvalid(() -> history.page(null, 50, -1), "offset");
    assertInvalid(() -> history.page("bad-name", 50, 0), "worker_name");
  }

  private static void assertInvalid(Runnable call, String field) {
    assertThatThrownBy(call::run)
        .isInstanceOf(InvalidRequestException.class)
        .extracting(e -> ((InvalidRequestException) e).field())
        .isEqualTo(field);
  }

  private static RestartEvent event(String worker, int attempt) {
    return new RestartEvent(worker, START.plusSeconds(attempt), attempt, Kind.MANUAL, null);
  }
}
