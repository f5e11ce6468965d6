package org.rpa.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rpa.core.supervise.RestartEvent;
import org.rpa.core.supervise.RestartEvent.Kind;
import org.rpa.core.supervise.RestartHistoryPage;

/** The {@link RestartLog} part of the store contract: the supervisor's restart history. */
interface RestartLogContract extends JobStoreFixture {

  @Test
  default void restart_events_page_newest_first_with_their_fields() {
    RestartLog log = store().restartLog();
    log.append(new RestartEvent("dispatcher", NOW, 0, Kind.CRASHED, "Connection reset", "exec-1"));
    log.append(new RestartEvent("dispatcher", NOW.plusSeconds(1), 1, Kind.SUCCESS, null, "exec-1"));
    log.append(new RestartEvent("scheduler", NOW.plusSeconds(1), 0, Kind.MANUAL, null, null));

    RestartHistoryPage all = log.page(null, 2, 0);

    assertThat(all.items())
        .extracting(RestartEvent::loopName, RestartEvent::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("scheduler", Kind.MANUAL),
            org.assertj.core.groups.Tuple.tuple("dispatcher", Kind.SUCCESS));
    assertThat(all.total()).isEqualTo(3);
    assertThat(all.itemsCount()).isEqualTo(2);
    assertThat(all.hasMore()).isTrue();
    assertThat(log.page(null, 2, 2).items())
        .containsExactly(
            new RestartEvent("dispatcher", NOW, 0, Kind.CRASHED, "Connection reset", "exec-1"));
    assertThat(log.page(null, 2, 2).hasMore()).isFalse();
    assertThat(log.page(null, 10, 50).items()).isEmpty();
    assertThat(log.count()).isEqualTo(3);
  }

  @Test
  default void the_history_filters_by_loop_name() {
    RestartLog log = store().restartLog();
    for (int i = 0; i < 5; i++) {
      log.append(
          new RestartEvent(i % 2 == 0 ? "alpha" : "beta", NOW, i, Kind.MANUAL, null, "exec-1"));
    }

    RestartHistoryPage alpha = log.page("alpha", 50, 0);

    assertThat(alpha.items()).extracting(RestartEvent::attempt).containsExactly(4, 2, 0);
    assertThat(alpha.total()).isEqualTo(3);
    assertThat(log.page("gamma", 50, 0).total()).isZero();
  }

  @Test
  default void the_table_keeps_the_newest_rows_only() {
    RestartLog log = new JdbcRestartLog((JdbcJobStore) store(), 3);
    for (int i = 0; i < 5; i++) {
      log.append(new RestartEvent("alpha", NOW.plusSeconds(i), i, Kind.CRASHED, "e" + i, null));
    }

    assertThat(log.count()).isEqualTo(3);
    assertThat(log.page(null, 10, 0).items())
        .extracting(RestartEvent::attempt)
        .containsExactly(4, 3, 2);
    assertThat(RestartLog.RETAINED).isEqualTo(10_000);
  }

  @Test
  default void a_long_error_message_is_cut_to_its_column() {
    RestartLog log = store().restartLog();
    log.append(new RestartEvent("alpha", NOW, 0, Kind.CRASHED, "x".repeat(5_000), null));

    assertThat(log.page(null, 1, 0).items().get(0).error()).hasSize(RestartLog.MAX_ERROR_LENGTH);
  }
}
