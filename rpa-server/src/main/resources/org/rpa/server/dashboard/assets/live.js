// Live updates: the multiplexed stream /ws/events, opened with a single-use ticket from
// POST /api/ws/ticket (no token in a URL), subscribed to every channel. While it is not open the
// pages poll the API instead, and the header says "live updates unavailable".
import * as api from "./api.js";

export const CHANNELS = ["jobs", "robots", "queue", "alerts", "system"];
const RETRY_MS = 15000;
// A server without the streams answers the ticket with 404: ask again now and then (it may be
// upgraded), not every few seconds.
const ABSENT_RETRY_MS = 60000;

export class Live {
  /**
   * @param onEvent called with each event `{type, channel, data, timestamp}`
   * @param onState called with `connecting` (the first try only), `live` or `unavailable`
   */
  constructor(onEvent, onState) {
    this.onEvent = onEvent;
    this.onState = onState;
    this.socket = null;
    this.retry = null;
    this.stopped = true;
    this.state = "idle";
  }

  get live() {
    return this.state === "live";
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retry);
    if (this.socket) {
      this.socket.onclose = null;
      this.socket.close(1000, "logged out");
      this.socket = null;
    }
    this.state = "idle";
  }

  async connect() {
    if (this.stopped) {
      return;
    }
    if (this.state !== "unavailable") {
      // Only the first try says so: a retry changes nothing on the page until it works.
      this.set("connecting");
    }
    let ticket;
    try {
      ticket = (await api.post("/api/ws/ticket")).ticket;
    } catch (failure) {
      this.unavailable(failure.status === 404 ? ABSENT_RETRY_MS : RETRY_MS);
      return;
    }
    if (this.stopped || !ticket) {
      this.unavailable();
      return;
    }
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    let socket;
    try {
      socket = new WebSocket(`${scheme}://${location.host}/ws/events?ticket=${encodeURIComponent(ticket)}`);
    } catch {
      this.unavailable();
      return;
    }
    this.socket = socket;
    socket.onopen = () => socket.send(JSON.stringify({ action: "subscribe", channels: CHANNELS }));
    socket.onmessage = (message) => this.receive(message.data);
    socket.onclose = () => {
      this.socket = null;
      this.unavailable();
    };
  }

  receive(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (message.type === "subscribed") {
      this.set("live");
    } else if (message.type === "error") {
      console.warn("live updates:", message.detail);
    } else if (message.channel) {
      this.onEvent(message);
    }
  }

  unavailable(retryMs = RETRY_MS) {
    this.set("unavailable");
    clearTimeout(this.retry);
    if (!this.stopped) {
      this.retry = setTimeout(() => this.connect(), retryMs);
    }
  }

  set(state) {
    if (state !== this.state) {
      this.state = state;
      this.onState(state);
    }
  }
}
