package org.rpa.core.analytics;

import org.rpa.core.testing.H2;

class H2AnalyticsTest extends AnalyticsContract {
  private final String url = H2.memory();

  @Override
  protected String databaseUrl() {
    return url;
  }
}
