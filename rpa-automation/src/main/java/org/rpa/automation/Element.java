package org.rpa.automation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openqa.selenium.By;

/**
 * A named element of a portal page with its locators, best first. When the first no longer matches
 * (a renamed id) and a later one does, the step passes as healed.
 */
public record Element(String name, List<By> locators) {
  public Element {
    Objects.requireNonNull(name, "name");
    locators = List.copyOf(locators);
    if (locators.isEmpty()) {
      throw new IllegalArgumentException("locators must not be empty, but was for " + name);
    }
  }

  /** An element found by these locators, tried in order. */
  public static Element of(String name, By first, By... fallbacks) {
    List<By> all = new ArrayList<>();
    all.add(first);
    all.addAll(List.of(fallbacks));
    return new Element(name, all);
  }

  /** By id, then by the {@code data-qa} attribute. */
  public static Element byId(String name, String id, String dataQa) {
    return of(name, By.id(id), By.cssSelector("[data-qa='" + dataQa + "']"));
  }
}
