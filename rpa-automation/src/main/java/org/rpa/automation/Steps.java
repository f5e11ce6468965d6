package org.rpa.automation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rpa.automation.PageScripts.Located;
import org.rpa.automation.evidence.Evidence;
import org.rpa.automation.evidence.Screenshot;
import org.rpa.core.job.Healing;
import org.rpa.core.job.JobContext;
import org.rpa.core.job.StepOutcome;

/**
 * The fluent step API a flow is written in: open, fill, click, select, waitFor, read, check,
 * screenshot. Each call is one step recorded on the job with its duration, outcome, the locator
 * that worked and, on failure (always) or when asked, a screenshot. Used by one job's thread.
 */
public final class Steps {
  private final WebDriver driver;
  private final JobContext job;
  private final Evidence evidence;
  private final Duration timeout;

  /** How often a step looks for its element while it waits for it. */
  private static final Duration POLL = Duration.ofMillis(20);

  Steps(WebDriver driver, JobContext job, Evidence evidence, Duration timeout) {
    this.driver = driver;
    this.job = job;
    this.evidence = evidence;
    this.timeout = timeout;
  }

  /** Opens {@code url}. */
  public Steps open(String url) {
    run("open " + url, Map.of("url", url), () -> driver.get(url));
    return this;
  }

  /** Types {@code text} into the element, replacing its value. */
  public Steps fill(Element element, String text) {
    return fill(element, text, false);
  }

  /** Types a secret (a password, a code): its value is never recorded. */
  public Steps fillSecret(Element element, String secret) {
    return fill(element, secret, true);
  }

  private Steps fill(Element element, String text, boolean secret) {
    onElement(
        "fill " + element.name(),
        element,
        !text.isEmpty(),
        Map.of("value", secret ? "***" : text),
        found -> {
          if (found.prepared()) {
            PageScripts.insert(driver, text);
          } else {
            found.element().clear();
            found.element().sendKeys(text);
          }
          return null;
        });
    return this;
  }

  /** Clicks the element. */
  public Steps click(Element element) {
    onElement(
        "click " + element.name(),
        element,
        false,
        Map.of(),
        found -> {
          found.element().click();
          return null;
        });
    return this;
  }

  /** Chooses the option with this visible text. */
  public Steps select(Element element, String visibleText) {
    onElement(
        "select " + element.name(),
        element,
        false,
        Map.of("option", visibleText),
        found -> {
          if (!PageScripts.select(driver, found.element(), visibleText)) {
            new Select(found.element()).selectByVisibleText(visibleText);
          }
          return null;
        });
    return this;
  }

  /** Waits until the element is shown. */
  public Steps waitFor(Element element) {
    onElement("wait for " + element.name(), element, false, Map.of(), found -> null);
    return this;
  }

  /** Reads the element's text. */
  public String read(Element element) {
    return onElement(
            "read " + element.name(), element, false, Map.of(), found -> found.element().getText())
        .trim();
  }

  /** True if the element shows up within {@code wait}; not a step, for a flow's branches. */
  public boolean isShown(Element element, Duration wait) {
    return firstShown(wait, element).isPresent();
  }

  /**
   * The first of {@code elements} (in this order) shown within the steps' timeout, looked for
   * together: after a submit, what the next page shows, whichever page it is.
   */
  public Optional<Element> firstShown(Element... elements) {
    return firstShown(timeout, elements);
  }

  /**
   * The first of {@code elements} (in this order) shown within {@code wait}, looked for together;
   * not a step, for a flow's branches: after a submit, the portal's error page or the form's error
   * message in one look.
   */
  public Optional<Element> firstShown(Duration wait, Element... elements) {
    List<By> locators = new ArrayList<>();
    List<Element> owners = new ArrayList<>();
    for (Element element : elements) {
      for (By locator : element.locators()) {
        locators.add(locator);
        owners.add(element);
      }
    }
    if (locators.isEmpty()) {
      return Optional.empty();
    }
    try {
      Located located = locate(new Element("any of", locators), wait, false);
      return Optional.of(owners.get(located.index()));
    } catch (TimeoutException e) {
      return Optional.empty();
    }
  }

  /** Fails the step named {@code name} with {@code message} unless {@code condition} holds. */
  public Steps check(String name, boolean condition, String message) {
    run(
        "assert " + name,
        Map.of(),
        () -> {
          if (!condition) {
            throw new StepFailedException("assert " + name, message, null);
          }
        });
    return this;
  }

  /** Takes a screenshot of the page as evidence. */
  public Screenshot screenshot(String name) {
    long start = System.nanoTime();
    Screenshot shot = capture(name);
    job.steps()
        .record(
            "screenshot " + name,
            StepOutcome.PASSED,
            Duration.ofNanos(System.nanoTime() - start),
            Map.of("screenshot", shot.name()));
    return shot;
  }

  /** The page's URL now. */
  public String currentUrl() {
    return driver.getCurrentUrl();
  }

  private Screenshot capture(String name) {
    byte[] png = PageScripts.screenshot(driver);
    if (png == null) {
      png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    }
    return evidence.save(job.jobId(), name, png);
  }

  private <T> T onElement(
      String step,
      Element element,
      boolean prepareFill,
      Map<String, ?> extra,
      ElementAction<T> action) {
    long start = System.nanoTime();
    Located located;
    try {
      located = locate(element, timeout, prepareFill);
    } catch (WebDriverException e) {
      Healing healing = element.locators().size() > 1 ? Healing.NOT_HEALED : Healing.NO_ALTERNATIVE;
      throw fail(step, start, Map.of("locators", element.locators().toString()), healing, e);
    }
    Healing healing = located.index() == 0 ? null : Healing.HEALED;
    try {
      T result = action.apply(located);
      Map<String, Object> details = new LinkedHashMap<>(extra);
      details.put("locator", located.locator().toString());
      StepOutcome outcome = healing == null ? StepOutcome.PASSED : StepOutcome.HEALED;
      if (healing != null) {
        details.put("healed_from", element.locators().get(0).toString());
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      job.steps().record(step, outcome, healing, took, details);
      return result;
    } catch (WebDriverException e) {
      throw fail(step, start, Map.of("locator", located.locator().toString()), healing, e);
    }
  }

  private void run(String step, Map<String, ?> details, Runnable action) {
    long start = System.nanoTime();
    try {
      action.run();
      job.steps()
          .record(step, StepOutcome.PASSED, Duration.ofNanos(System.nanoTime() - start), details);
    } catch (WebDriverException | StepFailedException e) {
      throw fail(step, start, details, null, e);
    }
  }

  private StepFailedException fail(
      String step, long start, Map<String, ?> details, Healing healing, RuntimeException cause) {
    Map<String, Object> recorded = new LinkedHashMap<>(details);
    String message =
        cause.getMessage() == null
            ? cause.toString()
            : cause.getMessage().lines().findFirst().orElse("");
    recorded.put("error", message);
    try {
      recorded.put("screenshot", capture("failed " + step).name());
    } catch (RuntimeException screenshotFailed) {
      recorded.put("screenshot_error", String.valueOf(screenshotFailed.getMessage()));
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    job.steps().record(step, StepOutcome.FAILED, healing, took, recorded);
    return cause instanceof StepFailedException failed
        ? failed
        : new StepFailedException(step, message, cause);
  }

  /**
   * Waits up to {@code wait} for the first shown match of the element's locators, in order, looking
   * every {@link #POLL}: one script in the page per look when every locator is a CSS selector or an
   * XPath, else WebDriver's find and isDisplayed per candidate.
   */
  private Located locate(Element element, Duration wait, boolean prepareFill) {
    Objects.requireNonNull(element, "element");
    List<List<Object>> remote =
        driver instanceof JavascriptExecutor ? PageScripts.remote(element.locators()) : null;
    try {
      return new WebDriverWait(driver, wait, POLL)
          .ignoring(WebDriverException.class)
          .withMessage(() -> element.name() + " not shown, by " + element.locators())
          .until(
              d -> {
                try {
                  return find(d, element, remote, prepareFill);
                } catch (WebDriverException e) {
                  throw gone(d, e);
                }
              });
    } catch (BrowserGone gone) {
      throw gone.cause;
    }
  }

  private static Located find(
      WebDriver driver, Element element, List<List<Object>> remote, boolean prepareFill) {
    if (remote != null) {
      return PageScripts.locate(driver, element.locators(), remote, prepareFill);
    }
    for (int i = 0; i < element.locators().size(); i++) {
      By locator = element.locators().get(i);
      for (WebElement candidate : driver.findElements(locator)) {
        if (candidate.isDisplayed() || "hidden".equals(candidate.getAttribute("type"))) {
          return new Located(candidate, locator, i, false);
        }
      }
    }
    return null;
  }

  /**
   * What a failed look means: a page between two documents fails a look now and then, and the wait
   * looks again; a browser that no longer answers (a crashed browser, a Selenium Grid node that
   * died: the hub answers "Unable to execute request for an existing session") fails every look, so
   * waiting out the step's timeout would only hide the cause behind a timeout. One more command
   * tells them apart; a browser that fails it too ends the wait with the first error.
   */
  private static RuntimeException gone(WebDriver driver, WebDriverException error) {
    try {
      driver.getWindowHandle();
      return error;
    } catch (WebDriverException alsoFailed) {
      return new BrowserGone(error);
    }
  }

  /** Carries a browser's error past the wait, which ignores every {@link WebDriverException}. */
  private static final class BrowserGone extends RuntimeException {
    private final transient WebDriverException cause;

    BrowserGone(WebDriverException cause) {
      super(cause.getMessage(), cause, false, false);
      this.cause = cause;
    }
  }

  @FunctionalInterface
  private interface ElementAction<T> {
    T apply(Located located);
  }
}
