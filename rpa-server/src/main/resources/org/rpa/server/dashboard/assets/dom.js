// Building the page: elements from data (text is always set as text, never as HTML) and the
// formats every page shares.

/**
 * An element: `h("td", {class: "num"}, "42")`. Attributes whose value is null, undefined or false
 * are left out; `on: {click: fn}` adds listeners; children are nodes or text.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === "on") {
      for (const [event, listener] of Object.entries(value)) {
        element.addEventListener(event, listener);
      }
    } else if (name === "dataset") {
      Object.assign(element.dataset, value);
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : String(child));
  }
}

/**
 * Replaces what `slot` shows with `content`, keeping the keyboard focus on the element with the
 * same `data-key` when the one that had it is replaced.
 */
export function fill(slot, ...content) {
  const focused = document.activeElement;
  const key = focused && slot.contains(focused) ? focused.dataset.key : undefined;
  slot.replaceChildren();
  append(slot, content);
  if (key) {
    const again = slot.querySelector(`[data-key="${CSS.escape(key)}"]`);
    if (again) {
      again.focus();
    }
  }
}

/** A section of a page with a heading; `slot` is where its content goes. */
export function section(id, title, ...extra) {
  const slot = h("div", { class: "slot", id: `${id}-body` });
  const element = h(
    "section",
    { class: "panel", id, "aria-labelledby": `${id}-title` },
    h("h2", { id: `${id}-title` }, title),
    ...extra,
    slot,
  );
  return { element, slot };
}

/** A table with a caption (read by screen readers), column headers and rows of cells. */
export function table(caption, headers, rows, empty = "Nothing to show.") {
  if (rows.length === 0) {
    return h("p", { class: "empty" }, empty);
  }
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      {},
      h("caption", { class: "visually-hidden" }, caption),
      h("thead", {}, h("tr", {}, headers.map((name) => h("th", { scope: "col" }, name)))),
      h(
        "tbody",
        {},
        rows.map((row) =>
          row instanceof Node
            ? row
            : h(
                "tr",
                {},
                row.map((cell) => (cell instanceof Node && cell.tagName === "TD" ? cell : h("td", {}, cell))),
              ),
        ),
      ),
    ),
  );
}

/** A status word as a badge: its class follows the word (completed, failed, open, firing, …). */
export function badge(word) {
  const text = word === null || word === undefined ? "unknown" : String(word);
  return h("span", { class: `badge badge-${text.toLowerCase().replace(/[^a-z0-9]+/g, "-")}` }, text);
}

/** A figure with its label, for the overview's tiles. */
export function tile(label, value, id, note) {
  return h(
    "div",
    { class: "tile", id },
    h("span", { class: "tile-label" }, label),
    h("span", { class: "tile-value" }, value === null || value === undefined ? "–" : String(value)),
    note ? h("span", { class: "tile-note" }, note) : null,
  );
}

/** An instant as `2026-01-05 10:30:00` (UTC, as the API gives it); a dash for none. */
export function time(iso) {
  if (!iso) {
    return "–";
  }
  const text = typeof iso === "number" ? new Date(iso * 1000).toISOString() : String(iso);
  return text.replace("T", " ").replace(/\.\d+Z$/, "").replace(/Z$/, "");
}

/** Milliseconds as `850 ms`, `12.4 s` or `3 min 5 s`. */
export function duration(ms) {
  if (ms === null || ms === undefined) {
    return "–";
  }
  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }
  if (ms < 60000) {
    return `${(ms / 1000).toFixed(1)} s`;
  }
  const minutes = Math.floor(ms / 60000);
  return `${minutes} min ${Math.round((ms % 60000) / 1000)} s`;
}

/** A number with a unit, or a dash. */
export function number(value, unit = "") {
  if (value === null || value === undefined) {
    return "–";
  }
  const rounded = Number.isInteger(value) ? value : Number(value).toFixed(1);
  return unit ? `${rounded} ${unit}` : String(rounded);
}

/** Says `text` to screen readers (and keeps it in the page's status line). */
export function announce(text) {
  const region = document.getElementById("announce");
  region.textContent = "";
  region.textContent = text;
}

/** A message box for an action's outcome or an error, announced to screen readers. */
export function message(text, kind = "info") {
  return h("p", { class: `message message-${kind}`, role: kind === "error" ? "alert" : "status" }, text);
}
