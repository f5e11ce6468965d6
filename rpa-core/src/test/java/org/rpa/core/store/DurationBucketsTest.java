package org.rpa.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DurationBucketsTest {

  @Test
  void every_duration_lies_in_its_bucket_and_a_bucket_is_at_most_a_sixteenth_wide() {
    long previousUpper = -1;
    int previousBucket = -1;
    for (long ms = 0; ms < 1_000_000; ms++) {
      int bucket = DurationBuckets.of(ms);
      long upper = DurationBuckets.upperBound(bucket);
      assertThat(upper).as("upper bound of %d", ms).isGreaterThanOrEqualTo(ms);
      if (bucket != previousBucket) {
        assertThat(bucket).as("buckets follow each other").isEqualTo(previousBucket + 1);
        assertThat(ms)
            .as("a bucket starts after the last one's upper bound")
            .isEqualTo(previousUpper + 1);
        previousBucket = bucket;
        previousUpper = upper;
      }
      assertThat(upper - ms).as("width above %d", ms).isLessThanOrEqualTo(Math.max(0, ms / 16));
    }
  }

  @Test
  void durations_under_32_ms_have_a_bucket_each_and_a_day_fits_in_440() {
    for (long ms = 0; ms < 32; ms++) {
      assertThat(DurationBuckets.upperBound(DurationBuckets.of(ms))).isEqualTo(ms);
    }
    assertThat(DurationBuckets.of(86_400_000L)).isLessThan(440);
    assertThat(DurationBuckets.of(Long.MAX_VALUE)).isPositive();
  }
}
