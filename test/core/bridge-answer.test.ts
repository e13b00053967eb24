import { describe, expect, it } from "@jest/globals";
import type { RuntimeType } from "@adobe/ccweb-add-on-sdk-types/add-on-sdk-document-sandbox";
import { ERROR_CODES, ErrorPayloadSchema, fromErrorPayload, toErrorPayload, type ErrorPayload } from "../../src/core/errors";
import { answerAsData, throwFromData, unwrapAnswer, type AnsweringApi } from "../../src/core/bridge-answer";
import { createRuntimePair } from "../fakes/sandbox-runtime";

interface Api {
  fail(payload: ErrorPayload): Promise<void>;
  echo(value: { n: number; bytes: ArrayBuffer }): Promise<{ n: number; bytes: ArrayBuffer }>;
  crash(): Promise<void>;
}

/** Api exposed across the Express-like bridge, as the sandbox does, and unwrapped on the panel's side. */
async function across(): Promise<Api> {
  const runtimes = createRuntimePair();
  const api: Api = {
    fail: async (payload) => {
      throw fromErrorPayload(payload);
    },
    echo: async (value) => value,
    crash: async () => {
      throw new TypeError("x is undefined");
    },
  };
  runtimes.documentSandbox.exposeApi(answerAsData(api));
  const remote = (await runtimes.panel.apiProxy<AnsweringApi<Api>>("documentSandbox" as RuntimeType)) as unknown as AnsweringApi<Api>;
  return throwFromData<Api>(remote);
}

/** Every detail field the payload schema knows, filled in, so each one must survive. */
const full = (code: ErrorPayload["code"]): ErrorPayload => ({ code, message: `what happened with ${code}, and how to fix it`, retryAfterMs: 1500, missing: ["depth.safetensors"], status: 503 });

describe("typed errors across Express's runtime bridge", () => {
  it.each(ERROR_CODES)("%s arrives as the same class with its message and details", async (code) => {
    const api = await across();
    const sent = fromErrorPayload(full(code));
    const error = await api.fail(full(code)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(sent.constructor);
    expect(toErrorPayload(error)).toEqual(toErrorPayload(sent));
  });

  it("carries each detail the schema declares and only those", () => {
    const detailKeys = Object.keys(ErrorPayloadSchema.shape).filter((k) => k !== "code" && k !== "message");
    const payload = toErrorPayload(fromErrorPayload(full("rate_limited")));
    for (const key of detailKeys) expect(payload).toHaveProperty(key);
    expect(Object.keys(payload).sort()).toEqual(["code", "message", ...detailKeys].sort());
  });

  it("passes values through and turns an unexpected throw into a server error with its message", async () => {
    const api = await across();
    const back = await api.echo({ n: 3, bytes: new Uint8Array([7]).buffer });
    expect(back.n).toBe(3);
    expect([...new Uint8Array(back.bytes)]).toEqual([7]);
    await expect(api.crash()).rejects.toMatchObject({ code: "server", message: expect.stringMatching(/Unexpected failure: x is undefined/) });
  });

  it("refuses an answer in a form it does not know", () => {
    expect(() => unwrapAnswer({ value: 1 })).toThrow(expect.objectContaining({ code: "bad_response" }));
    expect(() => unwrapAnswer({ ok: false, error: { code: "no-such-code", message: "?" } })).toThrow(expect.objectContaining({ code: "bad_response" }));
  });
});
