/**
 * The fake's PromptQueue + prompt worker (execution.py / main.py): runs queued prompts one at a
 * time in `number` order, records history, and sends the execution messages to the socket of
 * the prompt's client_id.
 */
import { OutputCache } from "./cache";
import { executePrompt, InterruptProcessing, type ExecHooks } from "./execute";
import type { ApiPrompt } from "./validate";

export interface QueueItem {
  number: number;
  promptId: string;
  prompt: ApiPrompt;
  extra: { client_id?: string };
  outputs: string[];
}

export interface HistoryItem {
  prompt: [number, string, ApiPrompt, Record<string, unknown>, string[]];
  outputs: Record<string, unknown>;
  status: { status_str: "success" | "error"; completed: boolean; messages: [string, Record<string, unknown>][] };
  meta: Record<string, { node_id: string; display_node: string; parent_node: null; real_node_id: string }>;
}

export interface QueueHooks extends Omit<ExecHooks, "promptId" | "send" | "sendBinary" | "interrupted"> {
  sendTo(clientId: string | undefined, type: string, data: Record<string, unknown>): void;
  sendBinaryTo(clientId: string | undefined, frame: Buffer): void;
  queueChanged(): void;
  /** false = ComfyUI's --cache-none. */
  caching(): boolean;
}

export class FakePromptQueue {
  pending: QueueItem[] = [];
  running: QueueItem | undefined;
  readonly history = new Map<string, HistoryItem>();
  private interruptFlag = false;
  private stopped = false;
  private readonly cache: OutputCache;

  constructor(private readonly hooks: QueueHooks) {
    this.cache = new OutputCache(() => hooks.caching());
  }

  get remaining(): number {
    return this.pending.length + (this.running ? 1 : 0);
  }

  put(item: QueueItem): void {
    this.pending.push(item);
    this.pending.sort((a, b) => a.number - b.number);
    this.hooks.queueChanged();
    void this.next();
  }

  delete(promptId: string): boolean {
    const before = this.pending.length;
    this.pending = this.pending.filter((i) => i.promptId !== promptId);
    if (this.pending.length !== before) this.hooks.queueChanged();
    return this.pending.length !== before;
  }

  /** POST /interrupt: targeted when a prompt_id is given (recent ComfyUI), else global; older builds ignore the id. */
  interrupt(promptId?: string): void {
    if (!this.running) return;
    if (promptId === undefined || this.hooks.older() || promptId === this.running.promptId) this.interruptFlag = true;
  }

  stop(): void {
    this.stopped = true;
    this.interruptFlag = true;
  }

  private async next(): Promise<void> {
    if (this.running || this.stopped) return;
    const item = this.pending.shift();
    if (!item) return;
    this.running = item;
    this.interruptFlag = false;
    this.hooks.queueChanged();
    await this.execute(item);
    this.running = undefined;
    if (this.stopped) return;
    this.hooks.queueChanged();
    this.hooks.sendTo(item.extra.client_id, "executing", { node: null, prompt_id: item.promptId });
    void this.next();
  }

  private async execute(item: QueueItem): Promise<void> {
    const client = item.extra.client_id;
    const messages: [string, Record<string, unknown>][] = [];
    const message = (type: string, data: Record<string, unknown>) => {
      const stamped = { ...data, timestamp: Date.now() };
      messages.push([type, stamped]);
      this.hooks.sendTo(client, type, stamped);
    };
    const ui: Record<string, unknown> = {};
    message("execution_start", { prompt_id: item.promptId });
    message("execution_cached", { nodes: this.cache.cachedIds(item.prompt, item.outputs, this.hooks.readInput), prompt_id: item.promptId });
    let ok = true;
    try {
      await executePrompt(item.prompt, item.outputs, {
        ...this.hooks,
        promptId: item.promptId,
        send: (type, data) => this.hooks.sendTo(client, type, data),
        sendBinary: (frame) => this.hooks.sendBinaryTo(client, frame),
        interrupted: () => this.interruptFlag,
      }, ui, this.cache);
    } catch (error) {
      ok = false;
      const nodeId = String((error as { nodeId?: unknown }).nodeId ?? "");
      const base = { prompt_id: item.promptId, node_id: nodeId, node_type: String(item.prompt[nodeId]?.class_type), executed: Object.keys(ui) };
      if (error instanceof InterruptProcessing) message("execution_interrupted", base);
      else {
        const e = error instanceof Error ? error : new Error(String(error));
        message("execution_error", { ...base, exception_message: e.message, exception_type: e.name === "Error" ? "RuntimeError" : e.name, traceback: [], current_inputs: {}, current_outputs: {} });
      }
    }
    if (this.stopped) return;
    if (ok) message("execution_success", { prompt_id: item.promptId });
    const meta = Object.fromEntries(Object.keys(ui).map((id) => [id, { node_id: id, display_node: id, parent_node: null, real_node_id: id }]));
    this.history.set(item.promptId, {
      prompt: [item.number, item.promptId, item.prompt, item.extra, item.outputs],
      outputs: ui,
      status: { status_str: ok ? "success" : "error", completed: ok, messages },
      meta,
    });
  }
}
