import { TAG, type Message, type MessageBody, type SerializedError, type Target } from "./protocol";

type Handler = (method: string, args: unknown[]) => unknown;

/**
 * One side of the host⇄panel channel: numbered calls with promised replies (Comlink-like).
 * Errors cross as { name, message, stack } and are rebuilt as Error objects, as Comlink does.
 */
export class Endpoint {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  private readonly handlers = new Map<Target, Handler>();

  constructor(
    private readonly post: (message: Message) => void,
    private readonly onOther: (message: Message) => void = () => undefined,
  ) {}

  send(body: MessageBody): void {
    this.post({ tag: TAG, ...body } as Message);
  }

  serve(target: Target, handler: Handler): void {
    this.handlers.set(target, handler);
  }

  call(target: Target, method: string, args: unknown[]): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        this.send({ kind: "call", id, target, method, args });
      } catch (error) {
        // DataCloneError: the arguments cannot cross the boundary (the real SDK fails the same way).
        this.pending.delete(id);
        reject(error);
      }
    });
  }

  /** Fails every call still waiting (the other side went away). */
  dropPending(reason: string): void {
    for (const { reject } of this.pending.values()) reject(new Error(reason));
    this.pending.clear();
  }

  receive(message: Message): void {
    if (message.kind === "reply") {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.ok) waiting.resolve(message.value);
      else waiting.reject("thrown" in message.error ? message.error.thrown : rebuild(message.error));
      return;
    }
    if (message.kind !== "call") return this.onOther(message);
    const handler = this.handlers.get(message.target);
    const { id } = message;
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`nothing serves "${message.target}" in this runtime`);
        return handler(message.method, message.args);
      })
      .then(
        (value) => this.reply(id, true, value),
        (error: unknown) => this.reply(id, false, error),
      );
  }

  private reply(id: number, ok: boolean, payload: unknown): void {
    try {
      if (ok) this.send({ kind: "reply", id, ok: true, value: payload });
      else this.send({ kind: "reply", id, ok: false, error: payload instanceof Error ? serialize(payload) : { thrown: payload } });
    } catch (error) {
      this.send({ kind: "reply", id, ok: false, error: serialize(error instanceof Error ? error : new Error(String(error))) });
    }
  }
}

const serialize = (error: Error): SerializedError => ({ name: error.name, message: error.message, stack: error.stack });

function rebuild(error: SerializedError): Error {
  return Object.assign(new Error(error.message), error);
}

/** A promise-returning proxy for the API another runtime exposed; never thenable itself. */
export function remoteProxy(call: (method: string, args: unknown[]) => Promise<unknown>): object {
  return new Proxy(
    {},
    {
      get: (_target, key) => (key === "then" || typeof key === "symbol" ? undefined : (...args: unknown[]) => call(key, args)),
    },
  );
}

export function invokeExposed(api: unknown, method: string, args: unknown[]): unknown {
  const fn = typeof api === "object" && api !== null ? (api as Record<string, unknown>)[method] : undefined;
  if (typeof fn !== "function") throw new Error(`the exposed API has no method "${method}"`);
  return (fn as (...a: unknown[]) => unknown).apply(api, args);
}
