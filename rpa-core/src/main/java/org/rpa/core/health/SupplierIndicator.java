package org.rpa.core.health;

import java.util.Objects;
import java.util.function.Supplier;

/** A {@link HealthIndicator} built from a supplier by {@link Health#of}. */
record SupplierIndicator(String name, Criticality criticality, Supplier<HealthCheck> supplier)
    implements HealthIndicator {
  SupplierIndicator {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(criticality, "criticality");
    Objects.requireNonNull(supplier, "check");
  }

  @Override
  public HealthCheck check() {
    return supplier.get();
  }
}
