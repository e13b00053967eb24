import { toErrorPayload, type ErrorCode, type ErrorPayload } from "../../core/errors";
import { formatClock } from "./wording";

/** What the panel can offer next to an error. */
export type ErrorAction = "retry" | "open-backend" | "edit-settings" | "none";

export interface ErrorView {
  code: ErrorCode;
  title: string;
  /** The error's own message: what happened and its fix, said once. */
  detail: string;
  /** Terminal commands the fix needs, shown behind "Details" with a copy button rather than in the sentence. */
  commands: string[];
  action: ErrorAction;
}

const VIEWS: Record<ErrorCode, Pick<ErrorView, "title" | "action">> = {
  auth: { title: "Key not accepted", action: "open-backend" },
  forbidden: { title: "Access denied", action: "open-backend" },
  credits: { title: "Out of credits", action: "open-backend" },
  spend_limit: { title: "Spend limit reached", action: "open-backend" },
  content_type: { title: "Image format not accepted", action: "retry" },
  validation: { title: "Check the settings", action: "edit-settings" },
  model_not_found: { title: "Model not found", action: "open-backend" },
  model_retired: { title: "Model retired", action: "open-backend" },
  model_missing: { title: "Models missing on your GPU", action: "open-backend" },
  rate_limited: { title: "Too many requests", action: "retry" },
  queue_full: { title: "Your GPU is busy", action: "retry" },
  server: { title: "Server error", action: "retry" },
  network: { title: "Connection failed", action: "retry" },
  timeout: { title: "Timed out", action: "retry" },
  cancelled: { title: "Cancelled", action: "none" },
  backend_unavailable: { title: "Can't reach the generator", action: "open-backend" },
  local_network_blocked: { title: "Your browser blocked the connection to your computer", action: "open-backend" },
  bad_response: { title: "Unexpected answer", action: "retry" },
  depth_model: { title: "Depth map failed", action: "retry" },
  source_layer: { title: "Layer not found", action: "none" },
  image_load: { title: "Express did not accept the image", action: "retry" },
  layer_data_full: { title: "Layer details did not fit", action: "none" },
  premium_content: { title: "Premium content on this page", action: "none" },
  export_not_allowed: { title: "Export needs approval", action: "none" },
};

/** A command in the message, quoted: `Start it with "npx depth-restyle serve"`. */
const COMMAND = /"((?:npx|npm|node|depth-restyle) [^"]+)"/g;
/** The CLI's UTC clock in a retry hint; the panel says it in the user's own time. */
const UTC_RETRY = /Try again after \d\d:\d\d(?::\d\d)? UTC/;

export interface ViewContext {
  /** When the error was seen, for turning a relative wait into a time of day. */
  now: number;
  locale: string;
}

/** The panel's view of any failure; unknown errors become a generic server error with their message. */
export function errorView(error: unknown, context?: ViewContext): ErrorView {
  return errorViewOf(toErrorPayload(error), context);
}

export function errorViewOf(payload: ErrorPayload, context?: ViewContext): ErrorView {
  const commands = [...payload.message.matchAll(COMMAND)].map((m) => m[1] as string);
  let detail = payload.message.replace(COMMAND, "the command under Details");
  if (payload.code === "model_missing" && payload.missing?.length) detail += ` Missing: ${payload.missing.join(", ")}.`;
  if (payload.retryAfterMs !== undefined && context) {
    const retry = `Try again at ${formatClock(context.now + payload.retryAfterMs, context.locale)}`;
    detail = UTC_RETRY.test(detail) ? detail.replace(UTC_RETRY, retry) : /try again/i.test(detail) ? detail : `${detail} ${retry}.`;
  }
  return { code: payload.code, detail, commands, ...VIEWS[payload.code] };
}
