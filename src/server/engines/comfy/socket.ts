import { WebSocket, type Dispatcher } from "undici";
import { parsePreviewFrame, parseWsFrame, type PreviewFrame, type WsMessage } from "./ws-messages";

export interface SocketLog {
  warn(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export interface PromptSocketOptions {
  baseUrl: string;
  clientId: string;
  dispatcher?: Dispatcher;
  onMessage: (message: WsMessage) => void;
  /** A sampler preview (binary frame). */
  onPreview?: (preview: PreviewFrame) => void;
  /**
   * Any frame but a queue `status` broadcast — execution messages, progress_state, previews,
   * custom nodes' own types: ComfyUI is working on this client's prompt.
   */
  onActivity?: () => void;
  /** After a drop, once the socket is back (messages may have been missed meanwhile). */
  onReconnected: () => void;
  /** Reconnecting failed: the caller must poll /history from now on. */
  onLost: () => void;
  reconnectAttempts?: number;
  reconnectDelayMs?: number;
  connectTimeoutMs?: number;
  log?: SocketLog;
}

/**
 * One /ws?clientId= connection. ComfyUI sends a prompt's execution messages only to the socket
 * whose clientId queued it, and accepts the same clientId again after a drop.
 */
export class PromptSocket {
  private ws: WebSocket | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private failures = 0;

  constructor(private readonly options: PromptSocketOptions) {}

  get clientId(): string {
    return this.options.clientId;
  }

  /** Resolves true once connected, false if the first connection failed (caller polls instead). */
  open(): Promise<boolean> {
    return new Promise((resolve) => this.connect(resolve));
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    const ws = this.ws;
    this.ws = undefined;
    if (ws && ws.readyState !== WebSocket.CLOSED) ws.close();
  }

  private connect(first?: (ok: boolean) => void): void {
    const { baseUrl, clientId, dispatcher, log } = this.options;
    const url = new URL(`${baseUrl}/ws?clientId=${encodeURIComponent(clientId)}`);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    const ws = new WebSocket(url, dispatcher ? { dispatcher } : undefined);
    ws.binaryType = "arraybuffer";
    this.ws = ws;
    let opened = false;
    this.timer = setTimeout(() => ws.close(), this.options.connectTimeoutMs ?? 5000);
    ws.addEventListener("open", () => {
      clearTimeout(this.timer);
      opened = true;
      this.failures = 0;
      if (first) first(true);
      else this.options.onReconnected();
    });
    ws.addEventListener("message", (event) => {
      if (typeof event.data !== "string") {
        this.options.onActivity?.();
        const preview = event.data instanceof ArrayBuffer ? parsePreviewFrame(event.data) : undefined;
        if (preview) this.options.onPreview?.(preview);
        return;
      }
      const message = parseWsFrame(event.data, (reason) => log?.warn({ reason }, "ComfyUI websocket frame ignored"));
      if (message?.type !== "status") this.options.onActivity?.();
      if (message) this.options.onMessage(message);
    });
    ws.addEventListener("error", () => log?.debug({ clientId }, "ComfyUI websocket error"));
    ws.addEventListener("close", () => {
      clearTimeout(this.timer);
      if (this.closed || this.ws !== ws) return;
      if (first && !opened) return first(false);
      this.retry();
    });
  }

  private retry(): void {
    const attempts = this.options.reconnectAttempts ?? 3;
    if (this.failures >= attempts) {
      this.ws = undefined;
      this.options.onLost();
      return;
    }
    const delay = (this.options.reconnectDelayMs ?? 250) * 2 ** this.failures;
    this.failures += 1;
    this.options.log?.warn({ attempt: this.failures, delay }, "ComfyUI websocket dropped; reconnecting");
    this.timer = setTimeout(() => {
      if (!this.closed) this.connect();
    }, delay);
  }
}
