import { BadResponseError, type DepthRestyleError } from "../../../core/errors";
import type { EncodedImage } from "../../../core/backends/types";
import type { ComfyHttp } from "./http";
import { multipartChunks } from "./multipart";
import { promptRejectedError } from "./node-errors";
import {
  HistorySchema,
  NodeInfoSchema,
  ObjectInfoSchema,
  PromptQueuedSchema,
  PromptRejectedSchema,
  QueueSchema,
  queuedIds,
  SystemStatsSchema,
  UploadedSchema,
  type HistoryEntry,
  type ImageRef,
  type NodeInfo,
  type SystemStats,
} from "./protocol";
import type { Workflow } from "./workflow-schema";

/** ComfyUI's HTTP API (server.py routes), every answer parsed with zod. */
export class ComfyClient {
  constructor(private readonly http: ComfyHttp) {}

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  /** POST /upload/image (multipart `image`); answers the name LoadImage accepts. */
  async uploadImage(image: EncodedImage, filename: string, signal?: AbortSignal): Promise<string> {
    // The image's own bytes are streamed: no Blob or FormData copy of a multi-megabyte input.
    const multipart = multipartChunks({ type: "input", overwrite: "true" }, { field: "image", filename, mimeType: image.mimeType, bytes: image.bytes });
    const uploaded = this.http.parse(await this.http.send("POST", "/upload/image", { multipart }, signal), UploadedSchema, "POST /upload/image");
    return uploaded.subfolder ? `${uploaded.subfolder}/${uploaded.name}` : uploaded.name;
  }

  /**
   * POST /prompt; a 400 becomes ModelMissingError / ValidationError naming what is wrong. A 200
   * whose node_errors say `required` outputs will not run answers the id and the error, so the
   * caller can remove the partial prompt before failing.
   */
  async queuePrompt(prompt: Workflow, clientId: string, required: string[], signal?: AbortSignal): Promise<{ promptId: string; rejected?: DepthRestyleError }> {
    const reply = await this.http.send("POST", "/prompt", { json: { prompt, client_id: clientId } }, signal);
    if (reply.status === 400) {
      const rejected = PromptRejectedSchema.safeParse(safeJson(reply.body));
      if (!rejected.success) throw new BadResponseError(`ComfyUI rejected the workflow: ${reply.body.toString("utf8").slice(0, 300)}`);
      throw promptRejectedError(rejected.data, this.baseUrl);
    }
    const queued = this.http.parse(reply, PromptQueuedSchema, "POST /prompt");
    const nodeErrors = Array.isArray(queued.node_errors) ? {} : queued.node_errors;
    const blocked = Object.values(nodeErrors).some((e) => e.dependent_outputs.some((o) => required.includes(o)));
    if (!blocked) return { promptId: queued.prompt_id };
    const error = { type: "prompt_outputs_failed_validation", message: "Prompt outputs failed validation", details: "" };
    return { promptId: queued.prompt_id, rejected: promptRejectedError({ error, node_errors: nodeErrors }, this.baseUrl) };
  }

  /** GET /history/{id}: undefined until the prompt has finished (ComfyUI answers `{}`). */
  async history(promptId: string, signal?: AbortSignal): Promise<HistoryEntry | undefined> {
    const all = await this.http.getJson(`/history/${encodeURIComponent(promptId)}`, HistorySchema, signal);
    return all[promptId];
  }

  async view(ref: ImageRef, signal?: AbortSignal): Promise<EncodedImage> {
    const query = new URLSearchParams({ filename: ref.filename, subfolder: ref.subfolder, type: ref.type });
    const reply = await this.http.send("GET", `/view?${query}`, undefined, signal);
    if (reply.status !== 200 || reply.body.length === 0)
      throw new BadResponseError(`ComfyUI could not serve its output ${ref.filename} (HTTP ${reply.status}); check ComfyUI's output folder.`);
    const mimeType = reply.contentType.split(";")[0]?.trim() || "image/png";
    return { bytes: new Uint8Array(reply.body), mimeType };
  }

  async queue(signal?: AbortSignal): Promise<{ running: string[]; pending: string[] }> {
    const q = await this.http.getJson("/queue", QueueSchema, signal);
    return { running: queuedIds(q.queue_running), pending: queuedIds(q.queue_pending) };
  }

  /** POST /queue { delete } — removes a prompt that has not started. */
  deleteQueued(promptId: string, signal?: AbortSignal): Promise<void> {
    return this.http.postOk("/queue", { delete: [promptId] }, signal);
  }

  /** POST /interrupt { prompt_id } — recent ComfyUI stops only that prompt; older ones the running one. */
  interrupt(promptId: string, signal?: AbortSignal): Promise<void> {
    return this.http.postOk("/interrupt", { prompt_id: promptId }, signal);
  }

  systemStats(signal?: AbortSignal): Promise<SystemStats> {
    return this.http.getJson("/system_stats", SystemStatsSchema, signal);
  }

  /** GET /object_info/{class}: undefined when the node is not installed (ComfyUI answers `{}`). */
  async nodeInfo(classType: string, signal?: AbortSignal): Promise<NodeInfo | undefined> {
    const info = await this.http.getJson(`/object_info/${encodeURIComponent(classType)}`, ObjectInfoSchema, signal);
    const node = info[classType];
    return node ? NodeInfoSchema.parse(node) : undefined;
  }
}

function safeJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}
