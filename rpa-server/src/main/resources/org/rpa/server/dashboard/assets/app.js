// The dashboard's shell: login, the page router (#/jobs, #/jobs/42, …), the header, and the
// refresh loop. Each page is a module whose mount(container, route, context) returns
// {refresh(), onEvent(event)?, dispose()?}; the shell calls refresh() on a timer (often while live
// updates are unavailable, rarely while they flow, never while the tab is hidden) and hands each
// live event to the page.
import * as api from "./api.js";
import { Live } from "./live.js";
import { announce, fill, h } from "./dom.js";
import overview from "./pages/overview.js";
import jobs from "./pages/jobs.js";
import job from "./pages/job.js";
import robots from "./pages/robots.js";
import schedules from "./pages/schedules.js";
import supervisor from "./pages/supervisor.js";
import breakers from "./pages/breakers.js";
import alerts from "./pages/alerts.js";

const PAGES = { overview, jobs, job, robots, schedules, supervisor, breakers, alerts };
// Without the stream each page polls: every 3 s unless it says otherwise (the overview, which
// reads six routes, less often: the rate limit counts every tab of an address).
const POLL_MS = 3000;
const LIVE_POLL_MS = 30000;
const SOON_MS = 250;
const LIVE_TEXT = {
  idle: "",
  live: "Live",
  connecting: "Connecting to live updates…",
  unavailable: "live updates unavailable",
};

let current = null;
const live = new Live(
  (event) => current && current.instance.onEvent && current.instance.onEvent(event),
  (state) => showLive(state),
);

function route() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [path, query] = hash.split("?");
  const parts = path.split("/").filter(Boolean);
  const params = new URLSearchParams(query || "");
  if (parts[0] === "jobs" && parts[1]) {
    return { name: "job", id: parts[1], params };
  }
  return { name: PAGES[parts[0]] && parts[0] !== "job" ? parts[0] : "overview", params };
}

function show(moveFocus) {
  stopPage();
  const who = api.session();
  if (!who) {
    showLogin();
    return;
  }
  document.getElementById("login").hidden = true;
  document.getElementById("nav").hidden = false;
  document.getElementById("session").hidden = false;
  document.getElementById("who").textContent = `${who.user} (${who.role})`;
  const where = route();
  const page = PAGES[where.name];
  for (const link of document.querySelectorAll("#nav a")) {
    const here = link.dataset.page === (where.name === "job" ? "jobs" : where.name);
    if (here) {
      link.setAttribute("aria-current", "page");
    } else {
      link.removeAttribute("aria-current");
    }
  }
  const container = h("div", { class: "page", id: `page-${where.name}` });
  fill(document.getElementById("view"), container);
  const context = { soon: () => refreshSoon(), navigate: (hash) => (location.hash = hash) };
  current = { instance: page.mount(container, where, context), timer: null, busy: false, again: false };
  document.title = `${page.title(where)} · rpa operations`;
  if (moveFocus) {
    const heading = container.querySelector("h1");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
    announce(page.title(where));
  }
  refresh();
}

async function refresh() {
  const running = current;
  if (!running) {
    return;
  }
  if (running.busy) {
    running.again = true;
    return;
  }
  running.busy = true;
  clearTimeout(running.timer);
  try {
    await running.instance.refresh();
  } catch (error) {
    console.warn("refresh failed:", error);
  } finally {
    running.busy = false;
  }
  if (running !== current) {
    return;
  }
  if (running.again) {
    running.again = false;
    refresh();
    return;
  }
  if (document.hidden) {
    // A tab in the background asks nothing; it refreshes when it is shown again.
    return;
  }
  running.timer = setTimeout(refresh, live.live ? LIVE_POLL_MS : running.instance.pollMs || POLL_MS);
}

function refreshSoon() {
  if (!current) {
    return;
  }
  clearTimeout(current.timer);
  current.timer = setTimeout(refresh, SOON_MS);
}

function stopPage() {
  if (current) {
    clearTimeout(current.timer);
    if (current.instance.dispose) {
      current.instance.dispose();
    }
    current = null;
  }
}

function showLogin(note) {
  live.stop();
  document.getElementById("nav").hidden = true;
  document.getElementById("session").hidden = true;
  fill(document.getElementById("view"));
  document.title = "Log in · rpa operations";
  document.getElementById("login").hidden = false;
  document.getElementById("login-error").textContent = note || "";
  document.getElementById("username").focus();
}

function showLive(state) {
  const badge = document.getElementById("live");
  badge.dataset.state = state;
  badge.textContent = LIVE_TEXT[state];
  if (state === "live") {
    refreshSoon();
  }
}

async function submitLogin(event) {
  event.preventDefault();
  const username = document.getElementById("username").value.trim();
  const password = document.getElementById("password");
  const error = document.getElementById("login-error");
  if (!username || !password.value) {
    error.textContent = "Enter your user name and password.";
    return;
  }
  const button = document.getElementById("login-submit");
  button.disabled = true;
  try {
    await api.login(username, password.value);
    password.value = "";
    error.textContent = "";
    live.start();
    show(true);
  } catch (failure) {
    error.textContent = failure.message;
  } finally {
    button.disabled = false;
  }
}

function start() {
  document.getElementById("login-form").addEventListener("submit", submitLogin);
  document.getElementById("logout").addEventListener("click", () => {
    api.logout();
    stopPage();
    showLogin("You are logged out.");
  });
  api.whenExpired(() => {
    stopPage();
    showLogin("Your session ended: log in again.");
  });
  window.addEventListener("hashchange", () => show(true));
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) {
      refreshSoon();
    }
  });
  if (api.session()) {
    live.start();
  }
  show(false);
}

start();
