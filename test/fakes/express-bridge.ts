/**
 * The rules of Express's runtime bridge (runtime.exposeApi / apiProxy), shared by the in-memory
 * runtime pair, the browser harness and the QuickJS run. From Adobe's "Communication APIs"
 * reference (references/document-sandbox/communication): the bridge is Comlink-based; only
 * primitives, plain objects, arrays, ArrayBuffer, Blob and Error cross, everything else
 * (Map, Set, DataView, typed arrays, Date, RegExp, boxed primitives, class instances,
 * functions, symbols, circular objects) is rejected with an error. Of an Error only name,
 * message and stack cross (Comlink's throw handler). Plain TypeScript: runs in Node and browsers.
 */

/** Comlink's two operations on an exposed API: call the function at a path, or read the value there. */
export type ComlinkOp = "apply" | "get";

const isPlainObject = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

const kindOf = (value: unknown): string => {
  if (typeof value !== "object" || value === null) return typeof value;
  return (value as object).constructor?.name ?? "object";
};

/** Only the parts of an Error that cross: name, message, stack. */
export function errorAcrossBridge(error: Error): Error {
  const copy = new Error(error.message);
  copy.name = error.name;
  if (error.stack !== undefined) copy.stack = error.stack;
  else delete (copy as { stack?: string }).stack;
  return copy;
}

/**
 * A copy of `value` as the other runtime receives it, or a TypeError naming the first value
 * Express's bridge refuses (with its path in the argument list or answer).
 */
export function cloneAcrossBridge(value: unknown, where = "value", seen: Set<object> = new Set()): unknown {
  if (value === undefined || value === null || typeof value === "string" || typeof value === "boolean" || typeof value === "number") return value;
  const refuse = (why: string) => new TypeError(`The document sandbox bridge does not accept ${where} (${why}): only primitives, plain objects, arrays, ArrayBuffer, Blob and Error cross.`);
  if (typeof value !== "object") throw refuse(typeof value);
  if (seen.has(value)) throw refuse("a circular reference");
  if (value instanceof ArrayBuffer) return value.slice(0);
  if (typeof Blob !== "undefined" && value instanceof Blob) return value;
  if (value instanceof Error) return errorAcrossBridge(value);
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item, i) => cloneAcrossBridge(item, `${where}[${i}]`, seen));
    if (!isPlainObject(value)) throw refuse(`a ${kindOf(value)}`);
    const copy: Record<string, unknown> = {};
    for (const key of Reflect.ownKeys(value)) {
      if (typeof key === "symbol") throw refuse("a symbol key");
      copy[key] = cloneAcrossBridge((value as Record<string, unknown>)[key], `${where}.${key}`, seen);
    }
    return copy;
  } finally {
    seen.delete(value);
  }
}

/** What a rejected call delivers: an Error as name/message/stack only, any other thrown value cloned. */
export function thrownAcrossBridge(thrown: unknown): unknown {
  return thrown instanceof Error ? errorAcrossBridge(thrown) : cloneAcrossBridge(thrown, "the thrown value");
}

/**
 * The proxy `apiProxy` resolves to, with Comlink's behaviour: any property path is a callable
 * proxy; calling it applies the remote value at that path; awaiting a property reads it; the
 * root proxy is not thenable (so it can be returned from an async function).
 */
export function comlinkProxy(send: (op: ComlinkOp, path: string[], args: unknown[]) => Promise<unknown>, path: string[] = []): unknown {
  const proxy: unknown = new Proxy(function remote() {}, {
    get(_target, prop) {
      if (prop === "then") {
        if (path.length === 0) return { then: () => proxy };
        const read = send("get", path, []);
        return read.then.bind(read);
      }
      return comlinkProxy(send, [...path, String(prop)]);
    },
    apply(_target, _this, args: unknown[]) {
      // Comlink ignores bind(): the bound proxy is the proxy itself.
      if (path.at(-1) === "bind") return comlinkProxy(send, path.slice(0, -1));
      return send("apply", path, args);
    },
  });
  return proxy;
}

/** The exposing side of a Comlink message: read the value at `path`, or call it on its parent. */
export async function serveComlink(api: unknown, op: ComlinkOp, path: string[], args: unknown[]): Promise<unknown> {
  const step = (from: unknown, key: string) => (from as Record<string, unknown>)[key];
  const parent = path.slice(0, -1).reduce(step, api);
  const value = path.reduce(step, api);
  if (op === "get") return value;
  if (typeof value !== "function") throw new TypeError(`${path.join(".") || "the exposed API"} is not a function`);
  return (value as (...a: unknown[]) => unknown).apply(parent, args);
}
