import { toErrorPayload, type ErrorCode, type ErrorPayload } from "../../core/errors";

/** What the panel can offer next to an error. */
export type ErrorAction = "retry" | "open-backend" | "edit-settings" | "none";

export interface ErrorView {
  code: ErrorCode;
  title: string;
  /** The error's own message: it says what went wrong and how to fix it. */
  detail: string;
  /** A short extra hint for this kind of failure. */
  fix: string;
  action: ErrorAction;
}

const VIEWS: Record<ErrorCode, Omit<ErrorView, "code" | "detail">> = {
  auth: { title: "API key rejected", fix: "Check the key in the Backend section (copy it again from Segmind → API Keys), then test the connection.", action: "open-backend" },
  forbidden: { title: "Access denied", fix: "This key or token is not allowed to use the model. Check its permissions or use another key.", action: "open-backend" },
  credits: { title: "Out of credits", fix: "Add credits to your Segmind account, or switch to the local gateway.", action: "open-backend" },
  spend_limit: { title: "Spend limit reached", fix: "Raise the spend limit in your Segmind account settings, or switch to the local gateway.", action: "open-backend" },
  content_type: { title: "Image format not accepted", fix: "Try again; if it repeats, report it: the panel sends JPEG.", action: "retry" },
  validation: { title: "Settings not accepted", fix: "Change the named setting to a value in its range.", action: "edit-settings" },
  model_not_found: { title: "Model not found", fix: "Check the base URL in the Backend section; it must point at Segmind's API or a compatible server.", action: "open-backend" },
  model_retired: { title: "Model retired", fix: "Segmind no longer serves this model. Use the local gateway instead.", action: "open-backend" },
  model_missing: { title: "Models missing on the GPU server", fix: "Install the listed models or nodes in ComfyUI, then test the connection again.", action: "open-backend" },
  rate_limited: { title: "Rate limit reached", fix: "Wait a moment; the panel retries automatically after the reset time.", action: "retry" },
  queue_full: { title: "GPU queue is full", fix: "Wait for running jobs to finish, then try again.", action: "retry" },
  server: { title: "Server error", fix: "The server failed. Try again in a minute.", action: "retry" },
  network: {
    title: "Connection failed",
    fix: "Check your internet connection, or that the local gateway is running and its URL is right. If the browser blocks Segmind, relay through the gateway (Backend → Local GPU gateway → Relay to Segmind).",
    action: "retry",
  },
  timeout: { title: "Timed out", fix: "The server took too long. Try fewer steps or samples, or try again.", action: "retry" },
  cancelled: { title: "Cancelled", fix: "Nothing was inserted. Generate again when ready.", action: "none" },
  backend_unavailable: { title: "Backend not available", fix: "Start the local gateway (npm start) or switch to Segmind, then test the connection.", action: "open-backend" },
  bad_response: { title: "Unexpected answer", fix: "The server answered with something the panel could not read. Try again; check the base URL if it repeats.", action: "retry" },
  depth_model: { title: "Depth model failed", fix: "Reload the panel to download the depth model again; check your connection.", action: "retry" },
  premium_content: {
    title: "Premium content on this page",
    fix: "Upgrade to Adobe Express Premium, or replace the Premium items on this page, then try again. Add depth layer still works: it never leaves the panel.",
    action: "none",
  },
  export_not_allowed: {
    title: "Export needs approval",
    fix: "Ask the document's reviewers to approve it, then try again. Add depth layer still works: it never leaves the panel.",
    action: "none",
  },
};

/** The panel's view of any failure; unknown errors become a generic server error with their message. */
export function errorView(error: unknown): ErrorView {
  const payload: ErrorPayload = toErrorPayload(error);
  return errorViewOf(payload);
}

export function errorViewOf(payload: ErrorPayload): ErrorView {
  const base = VIEWS[payload.code];
  let detail = payload.message;
  if (payload.code === "model_missing" && payload.missing?.length) detail += ` Missing: ${payload.missing.join(", ")}.`;
  if (payload.retryAfterMs !== undefined) detail += ` Try again in ${Math.ceil(payload.retryAfterMs / 1000)} s.`;
  return { code: payload.code, detail, ...base };
}
