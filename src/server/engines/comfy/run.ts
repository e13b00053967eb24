import type { Dispatcher } from "undici";
import { BadResponseError, CancelledError, TimeoutError } from "../../../core/errors";
import type { EncodedImage } from "../../../core/backends/types";
import type { EngineEvent, EngineJob, EngineOutput } from "../engine";
import type { ComfyClient } from "./client";
import { uploadName, workflowSize } from "./input-image";
import type { HistoryEntry } from "./protocol";
import { PromptSocket, type SocketLog } from "./socket";
import { PromptTracker } from "./tracker";
import { buildDepthWorkflow } from "./workflow";
import type { ComfyModels } from "./workflow-schema";

export interface ComfyLog extends SocketLog {
  info(obj: object, msg?: string): void;
}

export interface RunContext {
  client: ComfyClient;
  models: ComfyModels;
  dispatcher?: Dispatcher;
  jobTimeoutMs: number;
  pollMs: number;
  /** /history check interval while the websocket lives (a watchdog for lost frames). */
  historyCheckMs: number;
  reconnectDelayMs: number;
  newClientId: () => string;
  log?: ComfyLog;
  /** Aborted when the engine closes: live runs cancel their prompts and end. */
  closing: AbortSignal;
}

const duration = (ms: number): string => (ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`);

/** Removes a prompt from ComfyUI: deleted while pending, interrupted while running. Best effort. */
export async function cancelPrompt(ctx: RunContext, promptId: string): Promise<void> {
  try {
    const queue = await ctx.client.queue();
    if (queue.pending.includes(promptId)) {
      await ctx.client.deleteQueued(promptId);
      if (!(await ctx.client.queue()).running.includes(promptId)) return;
    }
    if (queue.running.includes(promptId) || queue.pending.includes(promptId)) await ctx.client.interrupt(promptId);
  } catch (error) {
    ctx.log?.warn({ promptId, err: error }, "could not cancel the prompt in ComfyUI");
  }
}

/** One job: socket first (so no message is missed), upload, queue, follow, download outputs. */
export async function runComfyJob(
  ctx: RunContext,
  job: EngineJob,
  options: { signal: AbortSignal; onEvent: (event: EngineEvent) => void },
): Promise<EngineOutput> {
  const { client, log } = ctx;
  const signal = AbortSignal.any([options.signal, ctx.closing]);
  if (signal.aborted) throw new CancelledError("Cancelled before ComfyUI started.");
  const size = await workflowSize(job.image);
  const tracker = new PromptTracker({ client, onEvent: options.onEvent, pollMs: ctx.pollMs });
  const socket = new PromptSocket({
    baseUrl: client.baseUrl,
    clientId: ctx.newClientId(),
    dispatcher: ctx.dispatcher,
    onMessage: (message) => tracker.handle(message),
    onReconnected: () => void tracker.checkHistory(),
    onLost: () => tracker.startPolling(),
    reconnectDelayMs: ctx.reconnectDelayMs,
    log,
  });
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    const live = await socket.open();
    const image = await client.uploadImage(job.image, uploadName(job.image), signal);
    const controlImageName = job.controlImage ? await client.uploadImage(job.controlImage, uploadName(job.controlImage), signal) : undefined;
    const workflow = buildDepthWorkflow({ settings: job.settings, inputImageName: image, controlImageName, models: ctx.models, wantDepth: job.wantDepth, ...size });
    tracker.setNodes(workflow.nodes);
    const required = [workflow.nodes.result, ...(workflow.nodes.depth ? [workflow.nodes.depth] : [])];
    // No signal here: a POST that reached ComfyUI must yield an id we can then cancel.
    const queued = await client.queuePrompt(workflow.prompt, socket.clientId, required);
    const id = queued.promptId;
    if (queued.rejected) {
      await cancelPrompt(ctx, id);
      throw queued.rejected;
    }
    log?.info({ job: job.id, promptId: id }, "queued in ComfyUI");
    tracker.setPromptId(id);
    if (live) tracker.watch(ctx.historyCheckMs);
    else tracker.startPolling();

    const entry = await new Promise<HistoryEntry>((resolve, reject) => {
      tracker.done.then(resolve, reject);
      const stopWith = (error: Error): void => {
        tracker.stop();
        void cancelPrompt(ctx, id).finally(() => reject(error));
      };
      onAbort = () =>
        stopWith(new CancelledError(ctx.closing.aborted ? "The gateway is shutting down; the job was removed from ComfyUI." : "Cancelled; the job was removed from ComfyUI."));
      if (signal.aborted) return onAbort();
      signal.addEventListener("abort", onAbort, { once: true });
      timer = setTimeout(
        () => stopWith(new TimeoutError(`ComfyUI did not finish within ${duration(ctx.jobTimeoutMs)}, so the job was stopped. Check the ComfyUI console, or raise the job timeout.`)),
        ctx.jobTimeoutMs,
      );
    });
    return await collectOutputs(client, entry, workflow.nodes, signal);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener("abort", onAbort);
    tracker.stop();
    socket.close();
  }
}

async function collectOutputs(
  client: ComfyClient,
  entry: HistoryEntry,
  nodes: { result: string; depth?: string },
  signal: AbortSignal,
): Promise<EngineOutput> {
  const refs = entry.outputs[nodes.result]?.images ?? [];
  if (refs.length === 0) throw new BadResponseError("ComfyUI finished without saving an image; see the ComfyUI console.");
  const images: EncodedImage[] = [];
  for (const ref of refs) images.push(await client.view(ref, signal));
  const depthRef = nodes.depth ? entry.outputs[nodes.depth]?.images?.[0] : undefined;
  return depthRef ? { images, depthMap: await client.view(depthRef, signal) } : { images };
}
