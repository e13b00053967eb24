import { EnginesAnswerSchema, type EngineStatusJson, JOB_UPLOAD_PARTS, JobAcceptedSchema, JobResultSchema, type EncodedImageJson, type JobEvent, type JobUploadInput } from "../../shared/gateway-api";
import { decodeBase64 } from "../image-bytes";
import { BackendUnavailableError, BadResponseError, CancelledError, ModelMissingError, NetworkError, fromErrorPayload } from "../errors";
import { StreamDropped, callGateway, readJobEvents, type GatewayHttp } from "./gateway-transport";
import type { PageNetwork } from "./local-network";
import type { Backend, ConnectionInfo, EncodedImage, GenerateInput, GenerateOptions, GenerateProgress, GenerateResult } from "./types";

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

function problemOf(engine: EngineStatusJson): string {
  const where = engine.url ?? engine.id;
  const missing = [...engine.missingModels, ...engine.missingNodes];
  if (engine.reachable && missing.length) return `${where} is missing ${missing.join(", ")}`;
  return `${where}: ${engine.problem ?? "not reachable"}`;
}

const usable = (e: EngineStatusJson): boolean => e.reachable && e.missingModels.length === 0 && e.missingNodes.length === 0 && !e.problem;

/**
 * One line for the panel's "Test connection": "2 ComfyUI workers ready", plus what is wrong with
 * the others. Throws when no worker can run a job, naming each missing model or the problem.
 */
export function summarizeEngines(engines: readonly EngineStatusJson[]): string {
  const comfy = engines.filter((e) => e.kind === "comfyui");
  const ready = comfy.filter(usable);
  const segmind = engines.find((e) => e.kind === "segmind");
  const broken = comfy.filter((e) => !usable(e));
  if (ready.length === 0) {
    const missing = broken.flatMap((e) => (e.reachable ? [...e.missingModels, ...e.missingNodes] : []));
    const detail = broken.map(problemOf).join("; ");
    if (comfy.length === 0) throw new BackendUnavailableError("The gateway has no ComfyUI worker. Restart it with --comfy http://127.0.0.1:8188.");
    if (missing.length) throw new ModelMissingError(`No ComfyUI worker can run the depth workflow: ${detail}. Install the named files into ComfyUI's models folders (or nodes via ComfyUI-Manager), then test again.`, missing);
    throw new BackendUnavailableError(`The gateway is running but no ComfyUI worker is reachable: ${detail}. Start ComfyUI, then test again.`);
  }
  const parts = [`${plural(ready.length, "ComfyUI worker")} ready`];
  if (broken.length) parts.push(`not usable: ${broken.map(problemOf).join("; ")}`);
  if (segmind) parts.push(usable(segmind) ? "Segmind passthrough ready" : `Segmind passthrough: ${segmind.problem ?? "not reachable"}`);
  return `Gateway: ${parts.join("; ")}.`;
}

export interface GatewayBackendOptions {
  /** e.g. http://127.0.0.1:8787 */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  /** Per HTTP call (upload, download, cancel). */
  timeoutMs?: number;
  /** The event stream counts as dropped after this long without a byte (the gateway sends a heartbeat every 15 s). */
  idleMs?: number;
  /** Reconnects of a dropped event stream before giving up. */
  maxReconnects?: number;
  /** "segmind" sends the job through the gateway's own Segmind key. */
  engine?: "comfyui" | "segmind";
  /** The panel's page (ui/local-network.ts), to tell a browser block from a gateway that is down. */
  page?: PageNetwork;
}

async function readJson(response: Response, what: string): Promise<unknown> {
  try {
    return await response.json();
  } catch (error) {
    throw new BadResponseError(`The gateway's ${what} is not JSON. Check the gateway URL and version.`, { cause: error });
  }
}

const decode = (image: EncodedImageJson): EncodedImage => ({ bytes: decodeBase64(image.base64), mimeType: image.mimeType });

function toProgress(event: JobEvent): GenerateProgress | undefined {
  switch (event.type) {
    case "queued": return { stage: "queued", position: event.position };
    case "started": return { stage: "running" };
    case "loading_models": return { stage: "loading_models" };
    case "progress": return { stage: "running", step: event.step, maxSteps: event.max, ...(event.preview ? { preview: decode(event.preview) } : {}) };
    case "depth": return { stage: "depth_ready" };
    default: return undefined;
  }
}

/** Our local GPU gateway as a Backend: queue a job, follow its events, fetch the images; aborting cancels the job on the gateway. */
export function createGatewayBackend(options: GatewayBackendOptions): Backend {
  const http: GatewayHttp = {
    baseUrl: options.baseUrl.trim().replace(/\/+$/, ""),
    token: options.token,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: options.timeoutMs ?? 120_000,
    ...(options.page ? { page: options.page } : {}),
  };
  const idleMs = options.idleMs ?? 45_000;
  const maxReconnects = options.maxReconnects ?? 3;

  async function follow(jobId: string, opts: GenerateOptions): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        const last = await readJobEvents(http, jobId, idleMs, opts.signal, (event) => {
          const progress = toProgress(event);
          if (progress) opts.onProgress?.(progress);
        });
        if (last.type === "error") throw fromErrorPayload(last.error);
        return;
      } catch (error) {
        if (!(error instanceof StreamDropped)) throw error;
        // The gateway replays the job's state on reconnect, so nothing is lost by following again.
        if (attempt >= maxReconnects)
          throw new NetworkError(`Lost the gateway's progress stream ${maxReconnects + 1} times (${error.message}). The job may still finish: check that the gateway is running, then try again.`, true);
      }
    }
  }

  async function generate(input: GenerateInput, opts: GenerateOptions = {}): Promise<GenerateResult> {
    const job: JobUploadInput = { settings: input.settings, wantDepth: input.wantDepth, engine: options.engine ?? "comfyui" };
    // The image as a file part: its bytes once, not a base64 copy a third larger.
    const form = new FormData();
    form.set(JOB_UPLOAD_PARTS.job, JSON.stringify(job));
    form.set(JOB_UPLOAD_PARTS.image, new Blob([input.image as Uint8Array<ArrayBuffer>], { type: input.mimeType }), input.mimeType === "image/png" ? "input.png" : "input.jpg");
    if (input.controlImage)
      form.set(JOB_UPLOAD_PARTS.controlImage, new Blob([input.controlImage.bytes as Uint8Array<ArrayBuffer>], { type: input.controlImage.mimeType }), "depth.png");
    opts.onProgress?.({ stage: "uploading" });
    if (opts.signal?.aborted) throw new CancelledError("Cancelled before anything was sent to the gateway.");
    // Not aborted mid-upload: the gateway may already have queued the job, and only its id lets us cancel it.
    const accepted = await callGateway(http, "/v1/jobs", { method: "POST", body: form }, async (r) => {
      const parsed = JobAcceptedSchema.safeParse(await readJson(r, "answer to the job"));
      if (!parsed.success) throw new BadResponseError("The gateway accepted the job but did not say its id. Update the gateway and the add-on to the same version.");
      return parsed.data;
    });
    const cancelOnGateway = () => {
      void callGateway({ ...http, timeoutMs: 10_000 }, `/v1/jobs/${encodeURIComponent(accepted.id)}`, { method: "DELETE" }, async () => undefined).catch(() => undefined);
    };
    opts.signal?.addEventListener("abort", cancelOnGateway, { once: true });
    if (opts.signal?.aborted) cancelOnGateway();
    try {
      opts.onProgress?.({ stage: "queued", position: accepted.position });
      await follow(accepted.id, opts);
      opts.onProgress?.({ stage: "downloading" });
      const result = await callGateway(http, `/v1/jobs/${encodeURIComponent(accepted.id)}/result`, { method: "GET", signal: opts.signal }, async (r) => {
        const parsed = JobResultSchema.safeParse(await readJson(r, "result"));
        if (!parsed.success) throw new BadResponseError("The gateway's result has no usable image. Update the gateway and the add-on to the same version.");
        return parsed.data;
      });
      const out: GenerateResult = { images: result.images.map(decode), seed: result.seed };
      if (result.depthMap) out.depthMap = decode(result.depthMap);
      return out;
    } catch (error) {
      if (opts.signal?.aborted && !(error instanceof CancelledError)) throw new CancelledError("Cancelled; the gateway stopped the job.", { cause: error });
      throw error;
    } finally {
      opts.signal?.removeEventListener("abort", cancelOnGateway);
    }
  }

  async function testConnection(signal?: AbortSignal): Promise<ConnectionInfo> {
    const answer = await callGateway(http, "/v1/engines", { method: "GET", signal }, async (r) => {
      const parsed = EnginesAnswerSchema.safeParse(await readJson(r, "engine list"));
      if (!parsed.success) throw new BadResponseError(`${http.baseUrl} answered /v1/engines, but not like a Depth Restyle gateway. Check the URL.`);
      return parsed.data;
    });
    return { ok: true, summary: summarizeEngines(answer.engines) };
  }

  return { kind: "gateway", generate, testConnection };
}
