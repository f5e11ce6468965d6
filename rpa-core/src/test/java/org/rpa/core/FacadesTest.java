package org.rpa.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rpa.core.store.JobStore;

class FacadesTest {

  @Test
  void the_orchestrator_hands_out_facades_and_never_the_whole_store() {
    assertThat(Arrays.stream(Orchestrator.class.getMethods()))
        .filteredOn(method -> Modifier.isPublic(method.getModifiers()))
        .extracting(Method::getReturnType)
        .doesNotContain(JobStore.class);
    assertThat(Arrays.stream(Orchestrator.class.getMethods()).map(Method::getName))
        .doesNotContain("store");
  }
}
