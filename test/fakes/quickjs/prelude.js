// Runs inside QuickJS before the add-on's code.js (quickjs-sandbox.ts). Two jobs:
// 1. The globals Express's document sandbox provides (Adobe's "Web APIs" page and the SDK's
//    sandbox/global.d.ts): console, setTimeout/clearTimeout/setInterval/clearInterval, Blob.
//    Nothing else: a global the bundle needs beyond these fails here as it would in Express.
// 2. The VM's end of the object bridge to the host: host objects appear as proxies whose
//    property reads, writes, `in` checks, calls and iteration go to the host; values cross as
//    JSON "wire" values (see encode/decode); promises settle across by id.
(() => {
  const host = globalThis.__qjsHost;
  delete globalThis.__qjsHost;

  const handles = new Map(); // host id -> proxy
  const handleIds = new WeakMap(); // proxy -> host id
  const functions = new Map(); // VM function id -> function, for the host to call
  const functionIds = new WeakMap();
  const pending = new Map(); // host promise id -> { resolve, reject }
  let nextId = 1;

  const bytesOf = (buffer) => Array.from(new Uint8Array(buffer));
  const bufferOf = (bytes) => new Uint8Array(bytes).buffer;

  const blobBytes = new WeakMap();
  const blobTypes = new WeakMap();

  class Blob {
    constructor(parts = [], options = {}) {
      const chunks = parts.map((part) => {
        if (part instanceof ArrayBuffer) return new Uint8Array(part);
        if (ArrayBuffer.isView(part)) return new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
        if (part instanceof Blob) return blobBytes.get(part);
        return new Uint8Array(utf8(String(part)));
      });
      const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const chunk of chunks) {
        all.set(chunk, at);
        at += chunk.length;
      }
      blobBytes.set(this, all);
      blobTypes.set(this, options.type === undefined ? "" : String(options.type).toLowerCase());
    }
    get size() {
      return blobBytes.get(this).length;
    }
    get type() {
      return blobTypes.get(this);
    }
    async arrayBuffer() {
      return blobBytes.get(this).slice().buffer;
    }
    async text() {
      return fromUtf8(blobBytes.get(this));
    }
    slice(start = 0, end = this.size, contentType = "") {
      return new Blob([blobBytes.get(this).slice(start, end)], { type: contentType });
    }
  }

  function utf8(text) {
    const out = [];
    for (const ch of text) {
      const c = ch.codePointAt(0);
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return out;
  }

  function fromUtf8(bytes) {
    let text = "";
    for (let i = 0; i < bytes.length; ) {
      const b = bytes[i];
      const n = b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
      let c = n === 1 ? b : b & (0xff >> (n + 1));
      for (let k = 1; k < n; k++) c = (c << 6) | (bytes[i + k] & 63);
      text += String.fromCodePoint(c);
      i += n;
    }
    return text;
  }

  const isPlain = (value) => {
    const proto = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
  };

  function encode(value) {
    if (value === undefined) return { $t: "u" };
    if (value === null || typeof value === "string" || typeof value === "boolean" || typeof value === "number") return value;
    if (handleIds.has(value)) return { $t: "h", id: handleIds.get(value) };
    if (typeof value === "function") {
      let id = functionIds.get(value);
      if (id === undefined) {
        id = nextId++;
        functions.set(id, value);
        functionIds.set(value, id);
      }
      return { $t: "f", id };
    }
    if (Array.isArray(value)) return value.map(encode);
    if (value instanceof ArrayBuffer) return { $t: "ab", bytes: bytesOf(value) };
    if (value instanceof Blob) return { $t: "blob", bytes: Array.from(blobBytes.get(value)), type: value.type };
    if (value instanceof Error) return { $t: "err", name: value.name, message: value.message, stack: value.stack };
    if (typeof value === "object" && isPlain(value)) {
      const out = {};
      for (const key of Object.keys(value)) out[key] = encode(value[key]);
      return { $t: "o", v: out };
    }
    throw new TypeError(`cannot hand a ${value?.constructor?.name ?? typeof value} to the host`);
  }

  function decode(wire) {
    if (wire === null || typeof wire !== "object") return wire;
    if (Array.isArray(wire)) return wire.map(decode);
    switch (wire.$t) {
      case "u":
        return undefined;
      case "ab":
        return bufferOf(wire.bytes);
      case "blob":
        return new Blob([bufferOf(wire.bytes)], { type: wire.type });
      case "err":
        return errorOf(wire);
      case "o": {
        const out = {};
        for (const key of Object.keys(wire.v)) out[key] = decode(wire.v[key]);
        return out;
      }
      case "h":
        return handle(wire.id, wire.fn);
      case "p":
        return new Promise((resolve, reject) => pending.set(wire.id, { resolve, reject }));
      default:
        throw new TypeError(`unknown wire value ${JSON.stringify(wire)}`);
    }
  }

  function errorOf(wire) {
    const error = new Error(wire.message);
    error.name = wire.name;
    return error;
  }

  /** A host answer: JSON of a wire value, or of { $throw } when the host threw. */
  function answer(json) {
    const parsed = JSON.parse(json);
    if (parsed && typeof parsed === "object" && "$throw" in parsed) throw errorOf(parsed.$throw);
    return decode(parsed);
  }

  function handle(id, fn) {
    const known = handles.get(id);
    if (known) return known;
    const proxy = new Proxy(fn ? function hostFunction() {} : {}, {
      get(_target, prop) {
        if (prop === Symbol.iterator) {
          const items = answer(host.iter(id));
          return items === undefined ? undefined : () => items[Symbol.iterator]();
        }
        if (typeof prop === "symbol") return undefined;
        return answer(host.get(id, prop));
      },
      set(_target, prop, value) {
        answer(host.set(id, String(prop), JSON.stringify(encode(value))));
        return true;
      },
      has(_target, prop) {
        return typeof prop === "string" && answer(host.has(id, prop));
      },
      apply(_target, thisArg, args) {
        return answer(host.apply(id, JSON.stringify(encode(thisArg)), JSON.stringify(encode(args))));
      },
    });
    handles.set(id, proxy);
    handleIds.set(proxy, id);
    return proxy;
  }

  /** The host calls a VM function; a promise it returns settles on the host by id. */
  function callFromHost(id, thisJson, argsJson) {
    try {
      const fn = functions.get(id);
      const result = fn.apply(decode(JSON.parse(thisJson)), decode(JSON.parse(argsJson)));
      if (result && typeof result.then === "function") {
        const promiseId = nextId++;
        result.then(
          (value) => host.settle(promiseId, true, JSON.stringify(encode(value))),
          (error) => host.settle(promiseId, false, JSON.stringify(encode(error instanceof Error ? error : new Error(String(error))))),
        );
        return JSON.stringify({ $t: "p", id: promiseId });
      }
      return JSON.stringify(encode(result));
    } catch (error) {
      return JSON.stringify({ $throw: encode(error instanceof Error ? error : new Error(String(error))) });
    }
  }

  function settleFromHost(id, ok, json) {
    const waiter = pending.get(id);
    pending.delete(id);
    if (ok) waiter.resolve(decode(JSON.parse(json)));
    else waiter.reject(decode(JSON.parse(json)));
  }

  const show = (a) => {
    if (typeof a === "string") return a;
    if (a instanceof Error) return `${a.name}: ${a.message}`;
    try {
      return JSON.stringify(encode(a));
    } catch {
      return String(a);
    }
  };
  const format = (args) => args.map(show).join(" ");
  const console = {};
  for (const level of ["log", "info", "warn", "error", "debug"]) console[level] = (...args) => host.log(level, format(args));
  console.clear = () => undefined;
  console.assert = (assertion, ...args) => {
    if (!assertion) host.log("error", `Assertion failed: ${format(args)}`);
  };

  const timers = (repeat) => (fn, delay = 0, ...params) => host.timer(JSON.stringify(encode(() => fn(...params))), Number(delay) || 0, repeat);

  Object.assign(globalThis, {
    console,
    Blob,
    setTimeout: timers(false),
    setInterval: timers(true),
    clearTimeout: (id) => host.clearTimer(id),
    clearInterval: (id) => host.clearTimer(id),
    __qjsModules: (name) => answer(host.module(name)),
    __qjsCallFromHost: callFromHost,
    __qjsSettleFromHost: settleFromHost,
  });
})();
