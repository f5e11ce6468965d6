package org.rpa.automation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;

/**
 * What {@link Steps} does in the page in one round trip to the browser rather than one per
 * WebDriver command: find an element's first shown match over all its locators (and, for a fill,
 * focus and empty it, so that the text goes in as one input through the DevTools protocol, as
 * Playwright's {@code fill} does), choose an option, take a screenshot. Each returns null or false
 * when it cannot act, and {@link Steps} then falls back to plain WebDriver commands, which fail
 * with WebDriver's own errors.
 */
final class PageScripts {
  /**
   * Arguments: the locators as [using, value] pairs ({@code css selector} or {@code xpath}).
   * Returns [index of the locator, element] for the first element shown (as WebDriver's
   * isDisplayed: not hidden by display, visibility or opacity on itself or an ancestor, with a box
   * of some size of its own or of a descendant; an option when its select is) or a hidden input,
   * else null.
   */
  private static final String LOCATE =
      """
      const locators = arguments[0];
      const textTypes = ['', 'text', 'search', 'email', 'password', 'tel', 'url', 'number'];
      const prepare = (e) => {
        const field = (e instanceof HTMLInputElement
                && textTypes.includes((e.getAttribute('type') || '').toLowerCase()))
            || e instanceof HTMLTextAreaElement;
        if (!field || e.disabled || e.readOnly) return false;
        e.focus();
        if (document.activeElement !== e) return false;
        e.value = '';
        return true;
      };
      const sized = (e) => {
        const box = e.getBoundingClientRect();
        if (box.width > 0 && box.height > 0) return true;
        for (const child of e.children) if (sized(child)) return true;
        return false;
      };
      const shown = (e) => {
        if (e.tagName === 'OPTION' || e.tagName === 'OPTGROUP') {
          const select = e.closest('select');
          return select !== null && shown(select);
        }
        return e.checkVisibility({opacityProperty: true, visibilityProperty: true}) && sized(e);
      };
      for (let i = 0; i < locators.length; i++) {
        const [using, value] = locators[i];
        let found;
        if (using === 'css selector') {
          found = document.querySelectorAll(value);
        } else if (using === 'id') {
          found = document.querySelectorAll('#' + CSS.escape(value));
        } else if (using === 'name') {
          found = document.querySelectorAll('[name="' + CSS.escape(value) + '"]');
        } else if (using === 'class name') {
          found = document.querySelectorAll('.' + CSS.escape(value));
        } else if (using === 'tag name') {
          found = document.getElementsByTagName(value);
        } else {
          const result = document.evaluate(value, document, null,
              XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
          found = [];
          for (let j = 0; j < result.snapshotLength; j++) found.push(result.snapshotItem(j));
        }
        for (const e of found) {
          if (!(e instanceof Element)) continue;
          const type = (e.getAttribute('type') || '').toLowerCase();
          if ((e.tagName === 'INPUT' && type === 'hidden') || shown(e)) {
            return [i, e, arguments[1] === true && prepare(e)];
          }
        }
      }
      return null;
      """;

  /**
   * Arguments: a select element and an option's visible text. Selects the first enabled option of
   * an enabled select with that text (whitespace collapsed, as WebDriver's Select compares it),
   * fires input and change as a user's choice does, and returns true; else false.
   */
  private static final String SELECT =
      """
      const select = arguments[0];
      const wanted = arguments[1].replace(/\\s+/g, ' ').trim();
      if (!(select instanceof HTMLSelectElement) || select.disabled) return false;
      for (const option of select.options) {
        if (option.text.replace(/\\s+/g, ' ').trim() !== wanted) continue;
        if (option.disabled) return false;
        if (!option.selected) {
          option.selected = true;
          select.dispatchEvent(new Event('input', {bubbles: true}));
          select.dispatchEvent(new Event('change', {bubbles: true}));
        }
        return true;
      }
      return false;
      """;

  private static final java.util.Set<String> SCRIPTED =
      java.util.Set.of("css selector", "xpath", "id", "name", "class name", "tag name");

  private PageScripts() {}

  /**
   * A located element: the element, the locator that found it, its index among them, and whether it
   * is focused and empty for {@link #insert}.
   */
  record Located(WebElement element, By locator, int index, boolean prepared) {}

  /**
   * The locators as [using, value] pairs for {@link #LOCATE}, or null if one of them is of another
   * kind (a link text, or a custom {@link By}).
   */
  static List<List<Object>> remote(List<By> locators) {
    List<List<Object>> pairs = new ArrayList<>();
    for (By locator : locators) {
      if (!(locator instanceof By.Remotable remotable)) {
        return null;
      }
      By.Remotable.Parameters parameters = remotable.getRemoteParameters();
      String using = parameters.using();
      if (!SCRIPTED.contains(using)) {
        return null;
      }
      pairs.add(List.of(using, String.valueOf(parameters.value())));
    }
    return pairs;
  }

  /**
   * One look for the first shown match of {@code locators}; null if there is none yet. With {@code
   * prepareFill} (only on a browser that speaks the DevTools protocol) a text field found is also
   * focused and emptied.
   */
  static Located locate(
      WebDriver driver, List<By> locators, List<List<Object>> remote, boolean prepareFill) {
    Object found =
        ((JavascriptExecutor) driver)
            .executeScript(LOCATE, remote, prepareFill && driver instanceof HasCdp);
    if (found instanceof List<?> result && result.size() == 3) {
      int index = ((Number) result.get(0)).intValue();
      return new Located(
          (WebElement) result.get(1),
          locators.get(index),
          index,
          Boolean.TRUE.equals(result.get(2)));
    }
    return null;
  }

  /** Types {@code text} into the focused element as one input, as a paste or an IME does. */
  static void insert(WebDriver driver, String text) {
    ((HasCdp) driver).executeCdpCommand("Input.insertText", Map.of("text", text));
  }

  /**
   * A PNG of the viewport, as WebDriver's screenshot takes it, encoded for speed (the same pixels,
   * less compression); null on a browser without the DevTools protocol.
   */
  static byte[] screenshot(WebDriver driver) {
    if (!(driver instanceof HasCdp cdp)) {
      return null;
    }
    Object data =
        cdp.executeCdpCommand(
                "Page.captureScreenshot", Map.of("format", "png", "optimizeForSpeed", true))
            .get("data");
    return java.util.Base64.getDecoder().decode((String) data);
  }

  /** Chooses the option with {@code visibleText} in one round trip; false if it cannot. */
  static boolean select(WebDriver driver, WebElement element, String visibleText) {
    return driver instanceof JavascriptExecutor script
        && Boolean.TRUE.equals(script.executeScript(SELECT, element, visibleText));
  }
}
