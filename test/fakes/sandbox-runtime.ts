import type { Runtime, RuntimeType } from "@adobe/ccweb-add-on-sdk-types/add-on-sdk-document-sandbox";
import { cloneAcrossBridge, comlinkProxy, serveComlink, thrownAcrossBridge, type ComlinkOp } from "./express-bridge";

/** The runtime calls the add-on makes (typed from the SDK's published `Runtime` class). */
export type RuntimePort = Pick<Runtime, "exposeApi" | "apiProxy">;

export interface RuntimePairOptions {
  /** Runs before each call reaches the document sandbox (e.g. `doc.beginTurn()`: a new synchronous turn). */
  beforeSandboxCall?: () => void;
}

export interface RuntimePair {
  /** What `addOnSandboxSdk.instance.runtime` is in the document sandbox. */
  documentSandbox: RuntimePort;
  /** What `addOnUISdk.instance.runtime` is in the panel. */
  panel: RuntimePort;
}

type Side = "panel" | "documentSandbox";

/**
 * Two in-memory runtimes joined like the SDK's Comlink bridge (express-bridge.ts):
 * `apiProxy(other)` resolves to a Comlink-style proxy at once, and its calls wait until the
 * other side has exposed its API; every call is asynchronous; arguments and answers must be
 * types Express accepts and arrive as copies; a thrown Error arrives with only its name,
 * message and stack. Runs in Node and in browsers.
 */
export function createRuntimePair(options: RuntimePairOptions = {}): RuntimePair {
  const exposed = new Map<Side, unknown>();
  const waiting = new Map<Side, Array<() => void>>();

  const whenExposed = (side: Side) =>
    exposed.has(side) ? Promise.resolve() : new Promise<void>((resolve) => waiting.set(side, [...(waiting.get(side) ?? []), resolve]));

  const send = async (side: Side, op: ComlinkOp, path: string[], args: unknown[]): Promise<unknown> => {
    const sent = cloneAcrossBridge(args, "the arguments") as unknown[];
    await whenExposed(side);
    if (side === "documentSandbox") options.beforeSandboxCall?.();
    let answer: unknown;
    try {
      answer = await serveComlink(exposed.get(side), op, path, sent);
    } catch (error) {
      throw thrownAcrossBridge(error);
    }
    return cloneAcrossBridge(answer, `the answer of ${path.join(".")}`);
  };

  const runtime = (self: Side): RuntimePort => ({
    exposeApi(api) {
      if (exposed.has(self)) return; // the SDK ignores every call after the first
      exposed.set(self, api);
      for (const resolve of waiting.get(self) ?? []) resolve();
      waiting.delete(self);
    },
    // Remote<T> is not exported by the SDK types; the proxy works for any T.
    async apiProxy(target: RuntimeType) {
      if (target === self) throw new Error(`a runtime cannot ask for its own proxy ("${target}")`);
      if (target !== "panel" && target !== "documentSandbox") throw new Error(`unknown runtime type "${target}"`);
      return comlinkProxy((op, path, args) => send(target, op, path, args)) as never;
    },
  });

  return { documentSandbox: runtime("documentSandbox"), panel: runtime("panel") };
}
