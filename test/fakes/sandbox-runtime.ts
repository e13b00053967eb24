import type { Runtime, RuntimeType } from "@adobe/ccweb-add-on-sdk-types/add-on-sdk-document-sandbox";

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
 * Two in-memory runtimes joined like the SDK's Comlink bridge: `apiProxy(other)` resolves once
 * the other side has exposed its API; every call is asynchronous; arguments and results are
 * structured-cloned (so class instances, functions and other non-clonable data fail as they
 * would across the iframe boundary); a thrown error arrives as a plain Error with only its
 * `name` and `message`, like Comlink's error serialisation. Runs in Node and in browsers.
 */
export function createRuntimePair(options: RuntimePairOptions = {}): RuntimePair {
  const exposed = new Map<Side, unknown>();
  const waiting = new Map<Side, Array<() => void>>();

  const whenExposed = (side: Side) =>
    exposed.has(side) ? Promise.resolve() : new Promise<void>((resolve) => waiting.set(side, [...(waiting.get(side) ?? []), resolve]));

  const call = async (side: Side, method: string, args: unknown[]): Promise<unknown> => {
    await whenExposed(side);
    const api = exposed.get(side) as Record<string, unknown>;
    const fn = api[method];
    if (typeof fn !== "function") throw new Error(`${side} API has no method "${method}"`);
    const clonedArgs = structuredClone(args);
    if (side === "documentSandbox") options.beforeSandboxCall?.();
    try {
      return structuredClone(await fn.apply(api, clonedArgs));
    } catch (error) {
      const plain = new Error(error instanceof Error ? error.message : String(error));
      plain.name = error instanceof Error ? error.name : "Error";
      throw plain;
    }
  };

  const proxyFor = (side: Side): unknown =>
    new Proxy(
      {},
      {
        get: (_target, method) => (typeof method === "string" && method !== "then" ? (...args: unknown[]) => call(side, method, args) : undefined),
      },
    );

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
      return proxyFor(target) as never;
    },
  });

  return { documentSandbox: runtime("documentSandbox"), panel: runtime("panel") };
}
