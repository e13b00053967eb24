import { randomUUID } from "node:crypto";
import type { Dispatcher } from "undici";
import { CancelledError, ValidationError } from "../../../core/errors";
import type { Engine, EngineEvent, EngineJob, EngineOutput, EngineStatus } from "../engine";
import { ComfyClient } from "./client";
import { ComfyHttp } from "./http";
import { runComfyJob, type ComfyLog, type RunContext } from "./run";
import { comfyStatus } from "./status";
import { ComfyModelsSchema } from "./workflow-schema";

export { DEFAULT_COMFY_MODELS } from "./requirements";
export { buildDepthWorkflow } from "./workflow";
export { COMFY_SAMPLERS } from "./schedulers";
export { PREPROCESSORS, type ComfyModels } from "./workflow-schema";
export type { ComfyLog } from "./run";

export interface ComfyEngineOptions {
  id: string;
  /** ComfyUI's base URL, e.g. http://127.0.0.1:8188 */
  url: string;
  models: { checkpoint: string; controlnet: string; preprocessor: string };
  dispatcher?: Dispatcher;
  /** Per HTTP request (headers and each body chunk). Default 30 s. */
  requestTimeoutMs?: number;
  /** Whole job, from queueing to the last image. Default 10 min. */
  jobTimeoutMs?: number;
  /** The websocket clientId of each job. Default: random UUIDs. */
  newClientId?: () => string;
  /** Interval of /history polling when the websocket is gone. Default 500 ms. */
  pollMs?: number;
  /** /history check while the websocket lives, in case frames are lost. Default 10 s. */
  historyCheckMs?: number;
  /** First websocket reconnect delay (doubles, 3 tries). Default 250 ms. */
  reconnectDelayMs?: number;
  log?: ComfyLog;
}

/** The local-GPU engine: drives a ComfyUI instance through its HTTP + websocket API. */
export function createComfyEngine(options: ComfyEngineOptions): Engine {
  const models = ComfyModelsSchema.safeParse(options.models);
  if (!models.success) throw new ValidationError(`ComfyUI engine "${options.id}": ${models.error.issues.map((i) => i.message).join("; ")}.`);
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new ValidationError(`ComfyUI engine "${options.id}": "${options.url}" is not a URL; use e.g. http://127.0.0.1:8188.`);
  }
  // Keep a path prefix (ComfyUI behind a reverse proxy at /comfy/ is common).
  const baseUrl = `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  const client = new ComfyClient(new ComfyHttp({ baseUrl, dispatcher: options.dispatcher, timeoutMs: options.requestTimeoutMs ?? 30_000 }));
  const closing = new AbortController();
  const runs = new Set<Promise<unknown>>();

  const ctx: RunContext = {
    client,
    models: models.data,
    dispatcher: options.dispatcher,
    jobTimeoutMs: options.jobTimeoutMs ?? 600_000,
    pollMs: options.pollMs ?? 500,
    historyCheckMs: options.historyCheckMs ?? 10_000,
    reconnectDelayMs: options.reconnectDelayMs ?? 250,
    newClientId: options.newClientId ?? randomUUID,
    log: options.log,
    closing: closing.signal,
  };

  return {
    id: options.id,
    kind: "comfyui",
    get busy() {
      return runs.size;
    },
    async run(job: EngineJob, runOptions: { signal: AbortSignal; onEvent: (event: EngineEvent) => void }): Promise<EngineOutput> {
      if (closing.signal.aborted) throw new CancelledError(`ComfyUI engine "${options.id}" is closed.`);
      const run = runComfyJob(ctx, job, runOptions);
      runs.add(run);
      try {
        return await run;
      } finally {
        runs.delete(run);
      }
    },
    status(signal?: AbortSignal): Promise<EngineStatus> {
      return comfyStatus({ id: options.id, url: baseUrl }, client, models.data, signal);
    },
    async close(): Promise<void> {
      closing.abort();
      await Promise.allSettled([...runs]);
    },
  };
}
