/**
 * Jest environment for tests that run onnxruntime-node: the native addon creates typed arrays
 * in Node's own realm, and onnxruntime-common checks `data instanceof Float32Array` inside the
 * test's vm realm, which fails across realms. Sharing the outer realm's typed-array
 * constructors makes both sides agree (the same thing a plain `node` process sees).
 */
import { TestEnvironment } from "jest-environment-node";

const SHARED = ["ArrayBuffer", "Float32Array", "Float64Array", "Int8Array", "Int16Array", "Int32Array", "Uint8Array", "Uint8ClampedArray", "Uint16Array", "Uint32Array", "BigInt64Array", "BigUint64Array"];

export default class NativeArraysEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of SHARED) this.global[name] = globalThis[name];
  }
}
