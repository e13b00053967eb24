import { createParser } from "eventsource-parser";
import { GATEWAY_DEFAULT_URL, GatewayErrorBodySchema, JobEventSchema, type JobEvent } from "../../shared/gateway-api";
import {
  AuthError,
  BackendUnavailableError,
  BadResponseError,
  CancelledError,
  DepthRestyleError,
  LocalNetworkBlockedError,
  NetworkError,
  QueueFullError,
  ServerError,
  TimeoutError,
  fromErrorPayload,
} from "../errors";
import { silenceDeadline, withDeadline } from "../deadline";
import { localNetworkVerdict, type LocalNetworkVerdict, type PageNetwork } from "./local-network";

export interface GatewayHttp {
  baseUrl: string;
  token: string;
  fetch: typeof fetch;
  /** Per call (upload, result download, cancel); the event stream has its own idle limit. */
  timeoutMs: number;
  /** The panel's page, to tell a request the browser blocked (Local Network Access) from a gateway that is down. */
  page?: PageNetwork;
}

/** The gateway's typed error from its body; a plain status when the body is not ours (a proxy, another server). */
export function errorFromGateway(status: number, headers: Headers, text: string, url: string): DepthRestyleError {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = GatewayErrorBodySchema.safeParse(json);
  if (parsed.success) return fromErrorPayload(parsed.data.error);
  if (status === 401) return new AuthError("The gateway rejected the token. Copy the token printed by \"depth-restyle serve\" (also in gateway.json in its config folder) into the panel (Generator → Gateway token).");
  if (status === 429) {
    const seconds = Number(headers.get("retry-after"));
    return new QueueFullError("The gateway is busy. Try again in a moment.", Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined);
  }
  if (status >= 500) return new ServerError(`The gateway at ${url} answered HTTP ${status}. Check its log, then try again.`, status);
  return new BadResponseError(`${url} answered HTTP ${status}, which is not a Depth Restyle gateway answer. Check the gateway URL (e.g. ${GATEWAY_DEFAULT_URL}).`);
}

const ALLOW_OR_HTTPS =
  "allow it: click the icon at the left of the address bar → Site settings → Local network access → Allow, then try again. Or enter the gateway's https:// address (its own certificate or a tunnel) in the Backend settings";

/**
 * Connection failures as typed errors: nothing is billed on a local GPU, but the user must know what to start or fix.
 * `lna` (local-network.ts) says whether the browser may have refused the request rather than the gateway being down.
 */
export function connectionError(error: unknown, url: string, baseUrl: string, lna: LocalNetworkVerdict = "no"): DepthRestyleError {
  if (error instanceof DepthRestyleError) return error;
  if (lna === "blocked")
    return new LocalNetworkBlockedError(`Your browser stopped this add-on from reaching the local gateway on your computer (${baseUrl}). To ${ALLOW_OR_HTTPS}.`, { cause: error });
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  const detail = typeof code === "string" ? ` (${code})` : "";
  if (code === undefined || code === "ECONNREFUSED" || code === "ENOTFOUND") {
    const maybeBlocked = lna === "maybe" ? ` If it is running, your browser may be blocking this add-on from your computer: ${ALLOW_OR_HTTPS}.` : "";
    return new BackendUnavailableError(
      `Could not reach the local gateway at ${baseUrl}${detail}. Start it with "npx depth-restyle serve" and check the URL; in the add-on, the gateway must also allow this add-on's origin.${maybeBlocked}`,
      { cause: error },
    );
  }
  return new NetworkError(`The connection to the gateway at ${url} broke${detail}. Check that it is still running, then try again.`, true, { cause: error });
}

/**
 * One call to the gateway with the bearer token, the caller's signal and a timeout covering the
 * answer's body (`read`); any non-2xx answer becomes the typed error it carries. The token only ever goes into the Authorization header.
 */
export async function callGateway<T>(
  http: GatewayHttp,
  path: string,
  init: { method: string; body?: string | FormData; signal?: AbortSignal },
  read: (response: Response) => Promise<T>,
): Promise<T> {
  const url = `${http.baseUrl}${path}`;
  if (init.signal?.aborted) throw new CancelledError("Cancelled before the request was sent to the gateway.");
  const deadline = withDeadline(http.timeoutMs, init.signal);
  try {
    const headers: Record<string, string> = { authorization: `Bearer ${http.token}`, accept: "application/json" };
    // A FormData body sets its own multipart content type (with the boundary).
    if (typeof init.body === "string") headers["content-type"] = "application/json";
    const response = await http.fetch(url, { method: init.method, headers, body: init.body, signal: deadline.signal });
    if (!response.ok) throw errorFromGateway(response.status, response.headers, await response.text(), url);
    return await read(response);
  } catch (error) {
    if (error instanceof DepthRestyleError) throw error;
    if (init.signal?.aborted) throw new CancelledError("Cancelled.", { cause: error });
    if (deadline.timedOut()) throw new TimeoutError(`The gateway did not answer ${init.method} ${path} within ${Math.round(http.timeoutMs / 1000)} s. Check that it is running and not overloaded.`, { cause: error });
    throw connectionError(error, url, http.baseUrl, await localNetworkVerdict(url, http.page));
  }
}

/** Why one connection to the event stream ended without the job's last event. */
export class StreamDropped extends Error {}

/**
 * Reads one connection of GET /v1/jobs/:id/events (fetch + eventsource-parser, so it runs in
 * browsers and Node and can send the Authorization header, unlike EventSource). Calls `onEvent`
 * per JobEvent and returns after `done` or `error`; throws StreamDropped when the connection
 * ends early or stays silent longer than `idleMs` (the gateway sends a heartbeat well within it).
 */
export async function readJobEvents(http: GatewayHttp, jobId: string, idleMs: number, signal: AbortSignal | undefined, onEvent: (event: JobEvent) => void): Promise<JobEvent> {
  const url = `${http.baseUrl}/v1/jobs/${encodeURIComponent(jobId)}/events`;
  const idle = silenceDeadline(idleMs, signal);
  let terminal: JobEvent | undefined;
  let invalid: string | undefined;
  const parser = createParser({
    onEvent: (message) => {
      if (terminal || invalid) return;
      let json: unknown;
      try {
        json = JSON.parse(message.data);
      } catch {
        json = undefined;
      }
      const parsed = JobEventSchema.safeParse(json);
      if (!parsed.success) {
        invalid = message.data.slice(0, 80);
        return;
      }
      if (parsed.data.type === "done" || parsed.data.type === "error") terminal = parsed.data;
      onEvent(parsed.data);
    },
  });
  const failure = (error: unknown, connected: boolean, lna?: LocalNetworkVerdict): Error => {
    if (error instanceof DepthRestyleError || error instanceof StreamDropped) return error;
    if (signal?.aborted) return new CancelledError("Cancelled.", { cause: error });
    if (idle.timedOut()) return new StreamDropped(`no event for ${Math.round(idleMs / 1000)} s`);
    // Refused before any answer: the gateway is not running. After the answer began: a dropped stream, worth a reconnect.
    return connected ? new StreamDropped(error instanceof Error ? error.message : String(error)) : connectionError(error, url, http.baseUrl, lna);
  };
  try {
    let response: Response;
    try {
      response = await http.fetch(url, { headers: { authorization: `Bearer ${http.token}`, accept: "text/event-stream" }, signal: idle.signal });
    } catch (error) {
      throw failure(error, false, await localNetworkVerdict(url, http.page));
    }
    if (!response.ok) throw errorFromGateway(response.status, response.headers, await response.text(), url);
    if (!response.body) throw new BadResponseError(`${url} sent no event stream. Check the gateway URL.`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      while (!terminal && !invalid) {
        const { value, done } = await reader.read();
        if (done) break;
        idle.heard();
        parser.feed(value);
      }
    } catch (error) {
      throw failure(error, true);
    } finally {
      await reader.cancel().catch(() => undefined);
    }
    if (invalid) throw new BadResponseError(`The gateway sent an event this add-on does not understand ("${invalid}"). Update the add-on and the gateway to the same version.`);
    if (!terminal) throw new StreamDropped("the event stream ended before the job did");
    return terminal;
  } finally {
    idle.clear();
  }
}
