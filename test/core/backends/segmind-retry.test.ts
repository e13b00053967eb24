import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { realSleep } from "../../../src/core/backends/segmind-delivery";
import type { GenerateProgress } from "../../../src/core/backends/types";
import { AuthError, CancelledError, NetworkError, RateLimitError, TimeoutError } from "../../../src/core/errors";
import { FAKE_ERRORS, rateLimitStep, startFakeSegmind, type FakeSegmind } from "../../fakes/segmind-server";
import { clientFor, inputFor, NOW } from "./segmind-helpers";

let fake: FakeSegmind;
beforeEach(async () => {
  fake = await startFakeSegmind();
});
afterEach(() => fake.close());

/** A loopback port with nothing listening: connections to it are refused before anything is sent. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe("Segmind retry policy", () => {
  it("retries a 429 after the reset time and reports the wait as progress", async () => {
    fake.script(rateLimitStep(new Date(NOW + 5_000)));
    const { backend, sleeps } = clientFor(fake);
    const progress: GenerateProgress[] = [];
    const result = await backend.generate(await inputFor({ prompt: "x", seed: 1 }), { onProgress: (p) => progress.push(p) });
    expect(result.images).toHaveLength(1);
    expect(fake.requests).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(5_000);
    expect(sleeps[0]).toBeLessThanOrEqual(5_250);
    const waiting = progress.filter((p) => p.stage === "waiting_rate_limit");
    expect(waiting).toEqual([{ stage: "waiting_rate_limit", until: NOW + sleeps[0]! }]);
  });

  it("honours a Retry-After longer than the reset header", async () => {
    fake.script(rateLimitStep(new Date(NOW + 1_000), 30));
    const { backend, sleeps } = clientFor(fake);
    await backend.generate(await inputFor({ prompt: "x", seed: 1 }));
    expect(sleeps[0]).toBeGreaterThanOrEqual(30_000);
  });

  it("retries 5xx with growing jittered backoff, then succeeds", async () => {
    fake.script(FAKE_ERRORS.server, FAKE_ERRORS.unavailable);
    const { backend, sleeps } = clientFor(fake);
    const result = await backend.generate(await inputFor({ prompt: "x", seed: 1 }));
    expect(result.images).toHaveLength(1);
    expect(fake.requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[1]!).toBeGreaterThan(sleeps[0]!);
  });

  it("stops after the bounded number of retries", async () => {
    fake.script(...Array.from({ length: 6 }, () => rateLimitStep(new Date(NOW + 1_000))));
    const { backend, sleeps } = clientFor(fake, { maxRetries: 3 });
    await expect(backend.generate(await inputFor({ prompt: "x", seed: 1 }))).rejects.toBeInstanceOf(RateLimitError);
    expect(fake.requests).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
  });

  it("never retries a request that timed out, and says to check the Segmind history", async () => {
    fake.script({ kind: "hang" });
    const { backend, sleeps } = clientFor(fake, { timeoutMs: 300 });
    const failure = backend.generate(await inputFor({ prompt: "x", seed: 1 }));
    await expect(failure).rejects.toBeInstanceOf(TimeoutError);
    await expect(failure).rejects.toThrow(/check your Segmind history/);
    expect(fake.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("never retries when the connection died after the body was sent", async () => {
    fake.script({ kind: "destroy" });
    const { backend, sleeps } = clientFor(fake);
    const error = await backend.generate(await inputFor({ prompt: "x", seed: 1 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).sent).toBe(true);
    expect((error as Error).message).toMatch(/may have been processed and billed/);
    expect(fake.requests.filter((r) => r.path === "/v1/ssd-depth")).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  // A browser's fetch says only "Failed to fetch": a DNS failure and a connection cut mid-request look alike.
  const browserFetch = (target: typeof fetch): typeof fetch => (input, init) => target(input, init).catch(() => Promise.reject(new TypeError("Failed to fetch")));

  it("does not speak of billing when a browser's request failed and Segmind is unreachable (DNS failure, offline)", async () => {
    const { backend, sleeps } = clientFor(fake, { baseUrl: "http://no-such-host.invalid", fetch: browserFetch(fetch) });
    const error = await backend.generate(await inputFor({ prompt: "x", seed: 1 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(/Could not reach Segmind/);
    expect((error as Error).message).not.toMatch(/bill/i);
    // Still never resent automatically: the browser cannot prove it was not sent.
    expect((error as NetworkError).sent).toBe(true);
    expect(sleeps).toEqual([]);
  });

  it("says a browser's broken request may be billed only when Segmind is reachable", async () => {
    fake.script({ kind: "destroy" });
    const { backend } = clientFor(fake, { fetch: browserFetch(fetch) });
    const error = await backend.generate(await inputFor({ prompt: "x", seed: 1 })).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/may have been processed and billed/);
    expect(fake.requests.map((r) => r.path)).toEqual(["/v1/ssd-depth", "/v1/get-user-credits"]);
  });

  it("never speaks of billing on the free connection test", async () => {
    const { backend } = clientFor(fake, { baseUrl: "http://no-such-host.invalid", fetch: browserFetch(fetch) });
    const error = await backend.testConnection().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).not.toMatch(/bill/i);
  });

  it("never retries a 401", async () => {
    fake.script(FAKE_ERRORS.auth);
    const { backend, sleeps } = clientFor(fake);
    await expect(backend.generate(await inputFor({ prompt: "x", seed: 1 }))).rejects.toBeInstanceOf(AuthError);
    expect(fake.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("retries a connection refused before sending, then reaches the server", async () => {
    const dead = `http://127.0.0.1:${await deadPort()}`;
    let calls = 0;
    const flaky: typeof fetch = (input, init) => fetch(calls++ === 0 ? String(input).replace(fake.url, dead) : input, init);
    const { backend, sleeps } = clientFor(fake, { fetch: flaky });
    const result = await backend.generate(await inputFor({ prompt: "x", seed: 1 }));
    expect(result.images).toHaveLength(1);
    expect(calls).toBe(2);
    expect(sleeps).toHaveLength(1);
    expect(fake.requests).toHaveLength(1);
  });

  it("reports an unreachable server as a not-sent network error after the retries", async () => {
    const { backend, sleeps } = clientFor(fake, { baseUrl: `http://127.0.0.1:${await deadPort()}`, maxRetries: 2 });
    const error = await backend.generate(await inputFor({ prompt: "x", seed: 1 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).sent).toBe(false);
    expect((error as Error).message).toMatch(/ECONNREFUSED.*Nothing was sent or billed/);
    expect(sleeps).toHaveLength(2);
  });

  it("cancels an in-flight request through its AbortSignal", async () => {
    fake.script({ kind: "hang" });
    const { backend } = clientFor(fake);
    const controller = new AbortController();
    const failure = backend.generate(await inputFor({ prompt: "x", seed: 1 }), { signal: controller.signal });
    await until(() => fake.requests.length === 1);
    controller.abort();
    await expect(failure).rejects.toBeInstanceOf(CancelledError);
    expect(fake.requests).toHaveLength(1);
  });

  it("cancels while waiting for the rate limit without sending again", async () => {
    fake.script(rateLimitStep(new Date(NOW + 60_000)));
    const controller = new AbortController();
    const { backend } = clientFor(fake, { sleep: realSleep });
    const failure = backend.generate(await inputFor({ prompt: "x", seed: 1 }), {
      signal: controller.signal,
      onProgress: (p) => p.stage === "waiting_rate_limit" && controller.abort(),
    });
    await expect(failure).rejects.toBeInstanceOf(CancelledError);
    expect(fake.requests).toHaveLength(1);
  });

  it("refuses to start when the signal is already aborted", async () => {
    const { backend } = clientFor(fake);
    await expect(backend.generate(await inputFor({ prompt: "x", seed: 1 }), { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(CancelledError);
    expect(fake.requests).toHaveLength(0);
  });
});
