import { cloneAcrossBridge, thrownAcrossBridge, type ComlinkOp } from "../../fakes/express-bridge";
import { TAG, type Message, type MessageBody, type SerializedError, type Target } from "./protocol";

type Handler = (path: string[], args: unknown[], op: ComlinkOp) => unknown;

/** Calls between the two runtimes follow Express's bridge rules; calls to the host are the UI SDK's own. */
const isRuntime = (target: Target) => target !== "host";

/**
 * One side of the host⇄panel channel: numbered calls with promised replies (Comlink-like).
 * Errors cross as { name, message, stack } and are rebuilt as Error objects, as Comlink does.
 * Between the panel and the document sandbox only the types Express's bridge accepts cross.
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

  call(target: Target, path: string[], args: unknown[], op: ComlinkOp = "apply"): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        if (isRuntime(target)) cloneAcrossBridge(args, "the arguments");
        this.send({ kind: "call", id, target, op, path, args });
      } catch (error) {
        // The arguments cannot cross the boundary (the real SDK refuses them too).
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
    const { id, target, path } = message;
    const runtime = isRuntime(target);
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`nothing serves "${target}" in this runtime`);
        return handler(path, message.args, message.op);
      })
      .then((value) => (runtime ? cloneAcrossBridge(value, `the answer of ${path.join(".")}`) : value))
      .then(
        (value) => this.reply(id, true, value),
        (error: unknown) => this.reply(id, false, runtime ? acrossBridge(error) : error),
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

/** A thrown value as Express's bridge delivers it; one it cannot deliver fails with the bridge's own error. */
function acrossBridge(thrown: unknown): unknown {
  try {
    return thrownAcrossBridge(thrown);
  } catch (refused) {
    return refused;
  }
}

const serialize = (error: Error): SerializedError => ({ name: error.name, message: error.message, stack: error.stack });

function rebuild(error: SerializedError): Error {
  return Object.assign(new Error(error.message), error);
}
