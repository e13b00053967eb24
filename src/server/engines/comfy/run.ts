import type { Dispatcher } from "undici";
import { BadResponseError, CancelledError, TimeoutError } from "../../../core/errors";
import type { EncodedImage } from "../../../core/backends/types";
import type { EngineEvent, EngineJob, EngineOutput } from "../engine";
import type { ComfyClient } from "./client";
import { comfyFeatures } from "./capabilities";
import { uploadName } from "./input-image";
import type { HistoryEntry } from "./protocol";
import { SilenceTimer } from "./silence-timer";
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
  /** Longest ComfyUI may stay silent about a running prompt (a prompt waiting in its queue is not silent). */
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

/**
 * Removes a prompt from ComfyUI: deleted while pending, interrupted while running. Older ComfyUI
 * ignores /interrupt's prompt_id and stops whatever runs, so it is sent only when /queue, read
 * immediately before, shows this prompt running — never to stop another client's. Best effort.
 */
export async function cancelPrompt(ctx: RunContext, promptId: string): Promise<void> {
  try {
    let queue = await ctx.client.queue();
    if (queue.pending.includes(promptId)) {
      await ctx.client.deleteQueued(promptId);
      // It may have started between the two calls.
      queue = await ctx.client.queue();
    }
    if (queue.running.includes(promptId)) await ctx.client.interrupt(promptId);
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
  const tracker = new PromptTracker({ client, onEvent: options.onEvent, pollMs: ctx.pollMs });
  let silence: SilenceTimer | undefined;
  const socket = new PromptSocket({
    baseUrl: client.baseUrl,
    clientId: ctx.newClientId(),
    dispatcher: ctx.dispatcher,
    onMessage: (message) => tracker.handle(message),
    onPreview: (preview) => tracker.preview(preview),
    onActivity: () => {
      silence?.heard();
      options.onEvent({ type: "alive" });
    },
    onReconnected: () => void tracker.checkHistory(),
    onLost: () => tracker.startPolling(),
    reconnectDelayMs: ctx.reconnectDelayMs,
    log,
  });
  let onAbort: (() => void) | undefined;
  try {
    const live = await socket.open();
    const [image, controlImageName, features] = await Promise.all([
      client.uploadImage(job.image, uploadName(job.image), signal),
      job.controlImage ? client.uploadImage(job.controlImage, uploadName(job.controlImage), signal) : undefined,
      comfyFeatures(client, job.settings.scheduler, signal),
    ]);
    const { width, height } = job.image;
    const workflow = buildDepthWorkflow({ settings: job.settings, inputImageName: image, controlImageName, models: ctx.models, wantDepth: job.wantDepth, width, height, features });
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
      // Silence, not total time: a first run loading weights or a long sampling keeps talking.
      // (Without the websocket nothing is heard, so there the limit is the whole run's.)
      silence = new SilenceTimer(
        ctx.jobTimeoutMs,
        async () => {
          // Waiting behind other work in ComfyUI's own queue is not a hang.
          const waiting = (await client.queue().catch(() => undefined))?.pending.includes(id) === true;
          if (waiting) options.onEvent({ type: "alive" });
          return waiting;
        },
        () =>
          stopWith(
            new TimeoutError(
              `ComfyUI sent nothing about the job for ${duration(ctx.jobTimeoutMs)}, so it was stopped. Check the ComfyUI console; if it is still loading or downloading models, raise the job timeout (--job-timeout).`,
            ),
          ),
      );
    });
    return await collectOutputs(client, entry, workflow.nodes, signal);
  } finally {
    silence?.stop();
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
