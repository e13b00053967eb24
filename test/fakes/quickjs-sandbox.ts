import { readFile } from "node:fs/promises";
import { getQuickJS, type QuickJSContext, type QuickJSHandle, type QuickJSRuntime } from "quickjs-emscripten";
import type { FakeExpressDocument } from "./express-document";
import type { RuntimePort } from "./sandbox-runtime";

/**
 * Runs an add-on's document sandbox bundle (code.js, unmodified) in QuickJS — the engine
 * Express's document sandbox uses — against the in-memory document. The two host modules are
 * VM-side shims over host objects: "express-document-sdk" exports the fake's editor,
 * constants, colorUtils, fonts and viewport; "add-on-sdk-document-sandbox" exports the SDK
 * default (instance.runtime = `runtime`, an Express-like bridge end) and RuntimeType.
 * quickjs/prelude.js supplies the globals Express provides and the VM end of the object bridge.
 */
export interface QuickJsSandboxOptions {
  code: string;
  document: FakeExpressDocument;
  /** The document sandbox's end of the runtime bridge (e.g. createRuntimePair().documentSandbox). */
  runtime: RuntimePort;
}

export interface QuickJsSandbox {
  /** console output of the sandbox code, as "level: text". */
  readonly logs: string[];
  dispose(): void;
}

type Wire = unknown;

const HOST_MODULES: Record<string, string> = {
  "express-document-sdk":
    'const s = __qjsModules("express-document-sdk"); export const editor = s.editor, constants = s.constants, colorUtils = s.colorUtils, fonts = s.fonts, viewport = s.viewport; export default s;',
  "add-on-sdk-document-sandbox": 'const s = __qjsModules("add-on-sdk-document-sandbox"); export const RuntimeType = s.RuntimeType; export default s.sdk;',
};

const isPlain = (value: object) => {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

export async function startQuickJsSandbox({ code, document, runtime }: QuickJsSandboxOptions): Promise<QuickJsSandbox> {
  const prelude = await readFile(new URL("quickjs/prelude.js", import.meta.url), "utf8");
  const QuickJS = await getQuickJS();
  const rt: QuickJSRuntime = QuickJS.newRuntime();
  rt.setModuleLoader((name) => HOST_MODULES[name] ?? { error: new Error(`Express's document sandbox has no module "${name}"`) });
  const vm: QuickJSContext = rt.newContext();
  const logs: string[] = [];
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  let nextTimer = 1;

  // ── host objects the VM holds, by id ──
  const objects = new Map<number, unknown>();
  const ids = new Map<unknown, number>();
  let nextObject = 1;
  const idOf = (value: unknown) => {
    let id = ids.get(value);
    if (id === undefined) {
      id = nextObject++;
      objects.set(id, value);
      ids.set(value, id);
    }
    return id;
  };
  const hostPromises = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();

  // ── running VM work from the host: jobs run once the outermost entry returns ──
  let depth = 0;
  let disposed = false;
  const enter = <T>(work: () => T): T => {
    depth++;
    try {
      return work();
    } finally {
      depth--;
      if (depth === 0 && !disposed) pump();
    }
  };
  const pump = () => {
    const result = rt.executePendingJobs();
    if (result.error) {
      logs.push(`error: unhandled in a pending job: ${JSON.stringify(vm.dump(result.error))}`);
      result.error.dispose();
    }
  };

  const encode = (value: unknown): Wire => {
    if (value === undefined) return { $t: "u" };
    if (value === null || typeof value === "string" || typeof value === "boolean" || typeof value === "number") return value;
    if (typeof value === "function") return { $t: "h", id: idOf(value), fn: true };
    if (Array.isArray(value)) return value.map(encode);
    if (value instanceof Promise) {
      const id = nextObject++;
      value.then(
        (v) => settleInVm(id, true, v),
        (e: unknown) => settleInVm(id, false, e instanceof Error ? e : new Error(String(e))),
      );
      return { $t: "p", id };
    }
    if (value instanceof ArrayBuffer) return { $t: "ab", bytes: [...new Uint8Array(value)] };
    if (value instanceof Error) return { $t: "err", name: value.name, message: value.message, stack: value.stack };
    if (typeof value === "object" && isPlain(value)) return { $t: "o", v: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)])) };
    if (typeof value === "object") return { $t: "h", id: idOf(value) };
    throw new TypeError(`cannot hand a ${typeof value} to the QuickJS sandbox`);
  };

  const decode = (wire: Wire): unknown => {
    if (wire === null || typeof wire !== "object") return wire;
    if (Array.isArray(wire)) return wire.map(decode);
    const w = wire as { $t: string; id: number; v: Record<string, Wire>; bytes: number[]; type: string; name: string; message: string };
    switch (w.$t) {
      case "u":
        return undefined;
      case "ab":
        return new Uint8Array(w.bytes).buffer;
      case "blob":
        return new Blob([new Uint8Array(w.bytes)], { type: w.type });
      case "err":
        return Object.assign(new Error(w.message), { name: w.name });
      case "o":
        return Object.fromEntries(Object.entries(w.v).map(([k, v]) => [k, decode(v)]));
      case "h":
        return objects.get(w.id);
      case "f":
        return (...args: unknown[]) => callVm(w.id, undefined, args);
      case "p":
        return new Promise((resolve, reject) => hostPromises.set(w.id, { resolve, reject }));
      default:
        throw new TypeError(`unknown wire value ${JSON.stringify(wire)}`);
    }
  };

  /** Runs a host step for the VM: its value as wire JSON, or { $throw } with the error. */
  const answer = (work: () => unknown): string => {
    try {
      return JSON.stringify(encode(work()));
    } catch (error) {
      return JSON.stringify({ $throw: encode(error instanceof Error ? error : new Error(String(error))) });
    }
  };

  let callFromHost: QuickJSHandle;
  let settleFromHost: QuickJSHandle;

  const callVm = (fnId: number, self: unknown, args: unknown[]): unknown =>
    enter(() => {
      const handles = [vm.newNumber(fnId), vm.newString(JSON.stringify(encode(self))), vm.newString(JSON.stringify(encode(args)))];
      const result = vm.callFunction(callFromHost, vm.undefined, ...handles);
      for (const h of handles) h.dispose();
      const text = vm.getString(vm.unwrapResult(result));
      const parsed = JSON.parse(text) as { $throw?: Wire };
      if (parsed && typeof parsed === "object" && "$throw" in parsed) throw decode(parsed.$throw);
      return decode(parsed);
    });

  const settleInVm = (id: number, ok: boolean, value: unknown) => {
    if (disposed) return;
    enter(() => {
      const handles = [vm.newNumber(id), ok ? vm.true : vm.false, vm.newString(JSON.stringify(encode(value)))];
      const result = vm.callFunction(settleFromHost, vm.undefined, ...handles);
      handles[0]?.dispose();
      handles[2]?.dispose();
      vm.unwrapResult(result).dispose();
    });
  };

  const modules: Record<string, unknown> = {
    "express-document-sdk": { editor: document.editor, constants: document.constants, colorUtils: document.colorUtils, fonts: undefined, viewport: undefined },
    "add-on-sdk-document-sandbox": {
      sdk: { instance: { runtime } },
      RuntimeType: { panel: "panel", documentSandbox: "documentSandbox", script: "script" },
    },
  };

  // ── the host functions the prelude uses ──
  const str = (h: QuickJSHandle) => vm.getString(h);
  const hostApi: Record<string, (...args: QuickJSHandle[]) => QuickJSHandle | undefined> = {
    get: (id, key) => vm.newString(answer(() => {
      const target = objects.get(vm.getNumber(id)) as Record<string, unknown>;
      const value = target[str(key)];
      // Reflect.apply, not value.apply/bind: on a Comlink proxy those are remote property reads.
      return typeof value === "function" ? (...args: unknown[]) => Reflect.apply(value, target, args) : value;
    })),
    set: (id, key, json) => vm.newString(answer(() => {
      (objects.get(vm.getNumber(id)) as Record<string, unknown>)[str(key)] = decode(JSON.parse(str(json)));
    })),
    has: (id, key) => vm.newString(answer(() => str(key) in (objects.get(vm.getNumber(id)) as object))),
    apply: (id, self, args) => vm.newString(answer(() => {
      const fn = objects.get(vm.getNumber(id)) as (...a: unknown[]) => unknown;
      return Reflect.apply(fn, decode(JSON.parse(str(self))), decode(JSON.parse(str(args))) as unknown[]);
    })),
    iter: (id) => vm.newString(answer(() => {
      const target = objects.get(vm.getNumber(id)) as Iterable<unknown> | undefined;
      return target && typeof (target as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function" ? [...target] : undefined;
    })),
    settle: (id, ok, json) => {
      const waiter = hostPromises.get(vm.getNumber(id));
      hostPromises.delete(vm.getNumber(id));
      const value = decode(JSON.parse(str(json)));
      if (vm.dump(ok) === true) waiter?.resolve(value);
      else waiter?.reject(value);
      return undefined;
    },
    module: (name) => vm.newString(answer(() => modules[str(name)])),
    log: (level, text) => {
      logs.push(`${str(level)}: ${str(text)}`);
      return undefined;
    },
    timer: (fn, delay, repeat) => {
      const callback = decode(JSON.parse(str(fn))) as () => void;
      const id = nextTimer++;
      const every = vm.dump(repeat) === true;
      const run = () => {
        if (!every) timers.delete(id);
        callback();
      };
      timers.set(id, every ? setInterval(run, vm.getNumber(delay)) : setTimeout(run, vm.getNumber(delay)));
      return vm.newNumber(id);
    },
    clearTimer: (id) => {
      const timer = timers.get(vm.getNumber(id));
      clearTimeout(timer);
      clearInterval(timer);
      timers.delete(vm.getNumber(id));
      return undefined;
    },
  };
  const hostObject = vm.newObject();
  for (const [name, fn] of Object.entries(hostApi)) {
    const handle = vm.newFunction(name, fn);
    vm.setProp(hostObject, name, handle);
    handle.dispose();
  }
  vm.setProp(vm.global, "__qjsHost", hostObject);
  hostObject.dispose();
  vm.unwrapResult(vm.evalCode(prelude, "prelude.js", { type: "global" })).dispose();
  callFromHost = vm.getProp(vm.global, "__qjsCallFromHost");
  settleFromHost = vm.getProp(vm.global, "__qjsSettleFromHost");
  vm.unwrapResult(vm.evalCode("delete globalThis.__qjsCallFromHost; delete globalThis.__qjsSettleFromHost;", "prelude-end.js", { type: "global" })).dispose();

  const started = enter(() => vm.evalCode(code, "code.js", { type: "module" }));
  if (started.error) {
    const error = vm.dump(started.error) as { name?: string; message?: string; stack?: string };
    started.error.dispose();
    throw new Error(`code.js failed in QuickJS: ${error?.name ?? "Error"}: ${error?.message ?? JSON.stringify(error)}\n${error?.stack ?? ""}`);
  }
  started.value.dispose();
  vm.unwrapResult(vm.evalCode("delete globalThis.__qjsModules;", "modules-end.js", { type: "global" })).dispose();

  return {
    logs,
    dispose() {
      disposed = true;
      for (const timer of timers.values()) {
        clearTimeout(timer);
        clearInterval(timer);
      }
      callFromHost.dispose();
      settleFromHost.dispose();
      vm.dispose();
      rt.dispose();
    },
  };
}
