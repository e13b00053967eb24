import { ServerError, type DepthRestyleError } from "../../../core/errors";
import type { EngineEvent } from "../engine";
import type { ComfyClient } from "./client";
import { HistoryPoller } from "./history-poller";
import { describeFailure, historyFailure, interrupted, lostDuringJob } from "./outcome";
import type { HistoryEntry } from "./protocol";
import type { WorkflowNodes } from "./workflow-schema";
import type { PreviewFrame, WsMessage } from "./ws-messages";
import { sniffImageType } from "../../../core/image-bytes";

/** ComfyUI's previews are at most 512 px JPEGs; anything far larger is not a preview we pass on. */
const MAX_PREVIEW_BYTES = 1024 * 1024;

export interface TrackerOptions {
  client: ComfyClient;
  onEvent: (event: EngineEvent) => void;
  /** Interval of GET /history/{id} when the websocket is gone. */
  pollMs: number;
}

/**
 * Follows one queued prompt to its history entry, from websocket messages while the socket
 * lives and by polling /history/{id} when it does not. Emits started / progress / depth once each
 * in order; settles exactly once.
 */
export class PromptTracker {
  readonly done: Promise<HistoryEntry>;
  private resolve!: (entry: HistoryEntry) => void;
  private reject!: (error: DepthRestyleError) => void;
  private promptId: string | undefined;
  private early: WsMessage[] = [];
  private settled = false;
  private started = false;
  private depthSent = false;
  private currentNode: string | null = null;
  private readonly poller = new HistoryPoller(() => this.checkHistory());
  private nodes: Partial<WorkflowNodes> = {};

  constructor(private readonly options: TrackerOptions) {
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  /** The roles of the workflow's nodes (which one samples, which saves the depth map). */
  setNodes(nodes: WorkflowNodes): void {
    this.nodes = nodes;
  }

  /** The id POST /prompt answered; messages that arrived before it are replayed. */
  setPromptId(id: string): void {
    this.promptId = id;
    const early = this.early;
    this.early = [];
    for (const message of early) this.handle(message);
  }

  handle(message: WsMessage): void {
    if (this.settled) return;
    if (!this.promptId) {
      this.early.push(message);
      return;
    }
    const data: Record<string, unknown> = message.data;
    if ("prompt_id" in data && data["prompt_id"] !== undefined && data["prompt_id"] !== this.promptId) return;
    switch (message.type) {
      case "execution_start":
        return this.start();
      case "executing":
        if (message.data.node === null) {
          if (message.data.prompt_id === this.promptId) void this.checkHistory(true);
          return;
        }
        this.currentNode = message.data.node;
        this.start();
        // A loader that is not cached reads its weights (and the preprocessor downloads its own on first use).
        if (this.nodes.loaders?.includes(message.data.node)) this.options.onEvent({ type: "loading" });
        return;
      case "progress": {
        const node = message.data.node ?? this.currentNode;
        if (node !== this.nodes.sampler) return;
        this.start();
        return this.options.onEvent({ type: "progress", step: Math.round(message.data.value), max: Math.max(1, Math.round(message.data.max)) });
      }
      case "executed":
        if (message.data.node === this.nodes.depth) this.depth();
        return;
      case "execution_error":
        return this.fail(new ServerError(describeFailure(message.data)));
      case "execution_interrupted":
        return this.fail(interrupted());
      default:
        return;
    }
  }

  /** A binary preview frame: passed on while our sampler runs (frames of another prompt are skipped). */
  preview(frame: PreviewFrame): void {
    if (this.settled || !this.promptId || (frame.promptId !== undefined && frame.promptId !== this.promptId)) return;
    if (this.currentNode !== this.nodes.sampler || frame.bytes.byteLength > MAX_PREVIEW_BYTES) return;
    const mimeType = sniffImageType(frame.bytes);
    if (mimeType) this.options.onEvent({ type: "preview", image: { bytes: frame.bytes.slice(), mimeType } });
  }

  /** Reads /history once (after a reconnect, or when ComfyUI says the prompt finished). */
  async checkHistory(pollIfMissing = false): Promise<void> {
    if (this.settled || !this.promptId) return;
    try {
      const entry = await this.options.client.history(this.promptId);
      if (entry) this.complete(entry);
      else if (pollIfMissing) this.startPolling();
    } catch (error) {
      this.fail(lostDuringJob(error));
    }
  }

  /** The websocket is gone: learn the outcome from /history/{id}, every pollMs from now on. */
  startPolling(): void {
    this.poller.now(this.options.pollMs);
  }

  /** While the websocket lives, still read /history every `everyMs` (lost-frame watchdog). */
  watch(everyMs: number): void {
    this.poller.watch(everyMs);
  }

  fail(error: DepthRestyleError): void {
    if (this.settled) return;
    this.settle();
    this.reject(error);
  }

  stop(): void {
    this.settle();
  }

  private settle(): void {
    this.settled = true;
    this.poller.stop();
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.options.onEvent({ type: "started" });
  }

  private depth(): void {
    if (this.depthSent) return;
    this.start();
    this.depthSent = true;
    this.options.onEvent({ type: "depth" });
  }

  private complete(entry: HistoryEntry): void {
    const failure = historyFailure(entry);
    if (failure) return this.fail(failure);
    const depthNode = this.nodes.depth;
    if (depthNode && entry.outputs[depthNode]?.images?.length) this.depth();
    this.start();
    this.settle();
    this.resolve(entry);
  }
}
