// The session (a JWT from POST /token, kept in sessionStorage) and the calls to the API.
import { allows } from "./permissions.js";

const KEY = "rpa.token";

/** An error answer: the status and the API's `detail`. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

let onExpired = () => {};

/** The logged-in user, or null: name and role from the token's claims. */
export function session() {
  const token = sessionStorage.getItem(KEY);
  if (!token) {
    return null;
  }
  const claims = decode(token);
  if (!claims || !claims.sub || !claims.role) {
    sessionStorage.removeItem(KEY);
    return null;
  }
  return { token, user: claims.sub, role: claims.role };
}

/** Whether the logged-in user's role holds `permission` (the API checks it again). */
export function can(permission) {
  const current = session();
  return current !== null && allows(current.role, permission);
}

/** Called when the API refuses the token (expired, or the user changed). */
export function whenExpired(callback) {
  onExpired = callback;
}

export async function login(username, password) {
  const form = new URLSearchParams({ username, password });
  const response = await fetch("/token", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: form,
  });
  const body = await json(response);
  if (!response.ok) {
    throw new ApiError(response.status, body.detail || `HTTP ${response.status}`);
  }
  sessionStorage.setItem(KEY, body.access_token);
  return session();
}

export function logout() {
  sessionStorage.removeItem(KEY);
}

export const get = (path) => call("GET", path);
export const post = (path, body) => call("POST", path, body);
export const remove = (path) => call("DELETE", path);

/** The answer whatever its status, for probes that answer 503 with a body: {status, body}. */
export async function probe(path) {
  const response = await send("GET", path);
  return { status: response.status, body: await json(response) };
}

/** The monitoring views wrap their answer in {success, data}; the others answer it bare. */
export function unwrap(answer) {
  return answer && answer.success === true && answer.data !== undefined ? answer.data : answer;
}

/** A binary answer (a screenshot), fetched with the token. */
export async function blob(path) {
  const response = await send("GET", path);
  if (!response.ok) {
    const body = await json(response);
    throw new ApiError(response.status, body.detail || `HTTP ${response.status}`);
  }
  return response.blob();
}

async function call(method, path, body) {
  const response = await send(method, path, body);
  const answer = await json(response);
  if (!response.ok) {
    throw new ApiError(response.status, answer.detail || `HTTP ${response.status}`);
  }
  return answer;
}

async function send(method, path, body) {
  const current = session();
  const headers = {};
  if (current) {
    headers.Authorization = `Bearer ${current.token}`;
  }
  const options = { method, headers };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  if (response.status === 401 && current) {
    logout();
    onExpired();
  }
  return response;
}

async function json(response) {
  const text = await response.text();
  if (!text) {
    return {};
  }
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text };
  }
}

function decode(token) {
  const parts = token.split(".");
  if (parts.length !== 3) {
    return null;
  }
  try {
    const base64 = parts[1].replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}
