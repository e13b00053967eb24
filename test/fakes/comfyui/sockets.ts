/** The fake's /ws endpoint: server.py's websocket_handler, send_json and send_bytes. */
import type { Server } from "node:http";
import { WebSocketServer, type WebSocket } from "ws";
import { originRejected } from "./http-util";

export class FakeSockets {
  private readonly byClient = new Map<string, WebSocket>();
  // aiohttp's WebSocketResponse negotiates permessage-deflate (compress=True) with any client that offers it.
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: { threshold: 0 } });
  /** Connections accepted, in order (clientId). */
  readonly connections: string[] = [];
  /** Extensions negotiated per connection, in order. */
  readonly extensions: string[] = [];

  /**
   * Accepts upgrades on /ws (and /api/ws) while `enabled()`; `greet` sends what server.py sends
   * a new socket (status, and the current node to a reconnecting executing client).
   */
  constructor(server: Server, enabled: () => boolean, greet: (clientId: string) => void) {
    server.on("upgrade", (req, socket, head) => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      if (!["/ws", "/api/ws"].includes(url.pathname) || !enabled() || originRejected(req)) {
        socket.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        // A reused clientId replaces the old socket, as server.py does.
        const sid = url.searchParams.get("clientId") || crypto.randomUUID().replaceAll("-", "");
        this.byClient.get(sid)?.terminate();
        this.byClient.set(sid, ws);
        this.connections.push(sid);
        this.extensions.push(ws.extensions);
        ws.on("close", () => this.byClient.get(sid) === ws && this.byClient.delete(sid));
        greet(sid);
      });
    });
  }

  send(clientId: string | undefined, type: string, data: Record<string, unknown>): void {
    const ws = clientId ? this.byClient.get(clientId) : undefined;
    if (ws?.readyState === 1) ws.send(JSON.stringify({ type, data }));
  }

  sendBinary(clientId: string | undefined, frame: Buffer): void {
    const ws = clientId ? this.byClient.get(clientId) : undefined;
    if (ws?.readyState === 1) ws.send(frame);
  }

  broadcast(type: string, data: Record<string, unknown>): void {
    for (const clientId of this.byClient.keys()) this.send(clientId, type, data);
  }

  /** Drops one client's connection without a close handshake. */
  drop(clientId: string): void {
    this.byClient.get(clientId)?.terminate();
  }

  closeAll(): void {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }
}
