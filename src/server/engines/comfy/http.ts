import { Readable } from "node:stream";
import { request, type Dispatcher } from "undici";
import type { z } from "zod";
import {
  BackendUnavailableError,
  BadResponseError,
  CancelledError,
  ServerError,
  TimeoutError,
  type DepthRestyleError,
} from "../../../core/errors";
import type { MultipartChunks } from "./multipart";

export interface HttpOptions {
  /** ComfyUI's base URL without a trailing slash, e.g. http://127.0.0.1:8188 */
  baseUrl: string;
  dispatcher?: Dispatcher;
  /** Per request: time allowed for the headers, and between body chunks. */
  timeoutMs: number;
}

export interface HttpReply {
  status: number;
  contentType: string;
  body: Buffer;
}

const UNREACHABLE = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EHOSTUNREACH", "EAI_AGAIN", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_CLOSED"]);

function unreachableMessage(baseUrl: string, detail: string): string {
  return `ComfyUI at ${baseUrl} is not reachable (${detail}). Start ComfyUI (python main.py --listen 127.0.0.1 --port 8188) or fix the --comfy URL.`;
}

function errorCode(error: unknown): string {
  const seen = new Set<unknown>();
  for (let e: unknown = error; e instanceof Error && !seen.has(e); e = e.cause) {
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return error instanceof Error ? error.name : "unknown";
}

/** Maps a failed undici call to the error the user can act on. */
function transportError(error: unknown, baseUrl: string, timeoutMs: number, signal?: AbortSignal): DepthRestyleError {
  if (signal?.aborted) return new CancelledError("Cancelled while talking to ComfyUI.", { cause: error });
  const code = errorCode(error);
  if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT")
    return new TimeoutError(`ComfyUI at ${baseUrl} did not answer within ${timeoutMs} ms. Check that it is not frozen, or raise the request timeout.`, { cause: error });
  if (UNREACHABLE.has(code)) return new BackendUnavailableError(unreachableMessage(baseUrl, code), { cause: error });
  return new BackendUnavailableError(unreachableMessage(baseUrl, error instanceof Error ? error.message : String(error)), { cause: error });
}

/** Thin undici wrapper: one place for timeouts, transport errors, status checks and zod parsing. */
export class ComfyHttp {
  constructor(readonly options: HttpOptions) {}

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  async send(method: "GET" | "POST", path: string, body?: { json?: unknown; multipart?: MultipartChunks }, signal?: AbortSignal): Promise<HttpReply> {
    const { baseUrl, dispatcher, timeoutMs } = this.options;
    const headers: Record<string, string> = {};
    let payload: string | Readable | undefined;
    if (body?.json !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body.json);
    } else if (body?.multipart) {
      headers["content-type"] = body.multipart.contentType;
      headers["content-length"] = String(body.multipart.length);
      payload = Readable.from(body.multipart.chunks, { objectMode: false });
    }
    try {
      const res = await request(new URL(`${baseUrl}${path}`), {
        method,
        headers,
        body: payload,
        signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        ...(dispatcher ? { dispatcher } : {}),
      });
      const chunks = Buffer.from(await res.body.arrayBuffer());
      const type = res.headers["content-type"];
      return { status: res.statusCode, contentType: String(type ?? ""), body: chunks };
    } catch (error) {
      throw transportError(error, baseUrl, timeoutMs, signal);
    }
  }

  /** Parses a 200 JSON reply; 5xx → ServerError, any other status or shape → BadResponseError. */
  parse<T extends z.ZodType>(reply: HttpReply, schema: T, what: string): z.infer<T> {
    if (reply.status >= 500)
      throw new ServerError(`ComfyUI failed on ${what} (HTTP ${reply.status}: ${reply.body.toString("utf8").slice(0, 200)}). See the ComfyUI console.`, reply.status);
    if (reply.status !== 200) throw new BadResponseError(`ComfyUI answered HTTP ${reply.status} to ${what}; is ${this.baseUrl} really ComfyUI?`);
    let json: unknown;
    try {
      json = JSON.parse(reply.body.toString("utf8"));
    } catch {
      throw new BadResponseError(`ComfyUI answered ${what} with something that is not JSON; is ${this.baseUrl} really ComfyUI?`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new BadResponseError(`ComfyUI's answer to ${what} has an unexpected shape (${parsed.error.issues[0]?.message}); update ComfyUI or report it.`);
    return parsed.data;
  }

  async getJson<T extends z.ZodType>(path: string, schema: T, signal?: AbortSignal): Promise<z.infer<T>> {
    return this.parse(await this.send("GET", path, undefined, signal), schema, `GET ${path}`);
  }

  /** POST with a JSON body whose reply carries no data we need (/queue, /interrupt). */
  async postOk(path: string, json: unknown, signal?: AbortSignal): Promise<void> {
    const reply = await this.send("POST", path, { json }, signal);
    if (reply.status !== 200) throw new ServerError(`ComfyUI answered HTTP ${reply.status} to POST ${path}.`, reply.status);
  }
}
