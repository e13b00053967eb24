import {
  AuthError,
  BadResponseError,
  BackendUnavailableError,
  ContentTypeError,
  CreditsError,
  type DepthRestyleError,
  ForbiddenError,
  ModelNotFoundError,
  ModelRetiredError,
  RateLimitError,
  ServerError,
  SpendLimitError,
  ValidationError,
} from "../../../src/core/errors";
import { createSegmindBackend } from "../../../src/core/backends/segmind";
import { FAKE_ERRORS, rateLimitStep, startFakeSegmind, type FakeSegmind, type FakeStep } from "../../fakes/segmind-server";
import { clientFor, inputFor, NOW } from "./segmind-helpers";

let fake: FakeSegmind;
beforeEach(async () => {
  fake = await startFakeSegmind();
});
afterEach(() => fake.close());

async function failureOf(promise: Promise<unknown>): Promise<DepthRestyleError> {
  try {
    await promise;
  } catch (error) {
    return error as DepthRestyleError;
  }
  throw new Error("expected a failure");
}

type ErrorClass = abstract new (...args: never[]) => DepthRestyleError;
const cases: [string, FakeStep, ErrorClass, RegExp][] = [
  ["401 bad key", FAKE_ERRORS.auth, AuthError, /Copy a key from your Segmind console \(API Keys\) and paste it again/],
  ["403 not permitted", FAKE_ERRORS.forbidden, ForbiddenError, /permissions in the Segmind console/],
  ["404 unknown model", FAKE_ERRORS.notFound, ModelNotFoundError, /Check the base URL/],
  ["406 not enough credits", FAKE_ERRORS.credits, CreditsError, /Add credits in the Segmind console/],
  ["406 team spend limit", FAKE_ERRORS.spendLimit, SpendLimitError, /raise the limit/],
  ["406 bad content type", FAKE_ERRORS.contentType, ContentTypeError, /Content-Type: application\/json/],
  ["410 retired model", FAKE_ERRORS.retired, ModelRetiredError, /local GPU backend/],
  ["422 validation", FAKE_ERRORS.validation, ValidationError, /num_inference_steps.*Change the named setting/],
  ["405 HTML page", { kind: "error", status: 405, error: "Method Not Allowed", html: true }, BadResponseError, /HTTP 405 \("Method Not Allowed"\)/],
];

describe("Segmind client error classification", () => {
  it.each(cases)("turns %s into its own error class with a fix-it message, sent once", async (_name, step, cls, message) => {
    fake.script(step);
    const { backend } = clientFor(fake);
    const error = await failureOf(backend.generate(await inputFor({ prompt: "x", seed: 1 })));
    expect(error).toBeInstanceOf(cls);
    expect(error.message).toMatch(message);
    expect(fake.requests).toHaveLength(1);
  });

  it("rejects a wrong key through the real validation path too", async () => {
    const backend = createSegmindBackend({ apiKey: "SG_wrong", baseUrl: fake.url });
    const error = await failureOf(backend.generate(await inputFor({ prompt: "x", seed: 1 })));
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toContain("Segmind rejected the API key");
  });

  it("reports an empty balance as a credits error from the fake's own accounting", async () => {
    await fake.close();
    fake = await startFakeSegmind({ credits: 0.005, costPerImage: 0.01 });
    const error = await failureOf(clientFor(fake).backend.generate(await inputFor({ prompt: "x", seed: 1 })));
    expect(error).toBeInstanceOf(CreditsError);
  });

  it("gives up on a 429 whose reset is too far away, naming the reset time", async () => {
    fake.script(rateLimitStep(new Date(NOW + 3_600_000)));
    const { backend, sleeps } = clientFor(fake);
    const error = await failureOf(backend.generate(await inputFor({ prompt: "x", seed: 1 })));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3_600_000);
    expect(error.message).toContain("Try again after 13:00:00 UTC");
    expect(sleeps).toEqual([]);
  });

  it("surfaces a persistent 5xx as a ServerError after the bounded retries", async () => {
    fake.script(FAKE_ERRORS.unavailable, FAKE_ERRORS.unavailable, FAKE_ERRORS.unavailable);
    const { backend } = clientFor(fake, { maxRetries: 2 });
    const error = await failureOf(backend.generate(await inputFor({ prompt: "x", seed: 1 })));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).status).toBe(503);
    expect(error.message).toMatch(/Nothing was billed/);
    expect(fake.requests).toHaveLength(3);
  });

  it("rejects a 200 that is not an image", async () => {
    const notImage = async () => new Response(JSON.stringify({ image: "aGVsbG8=" }), { headers: { "content-type": "application/json" } });
    const backend = createSegmindBackend({ apiKey: "k", fetch: notImage });
    const error = await failureOf(backend.generate(await inputFor({ prompt: "x", seed: 1 })));
    expect(error).toBeInstanceOf(BadResponseError);
    expect(error.message).toMatch(/not a JPEG, PNG or WebP/);
  });

  it("testConnection refuses a 200 that is not a credit balance, and sums free credits", async () => {
    const html = createSegmindBackend({ apiKey: "k", fetch: async () => new Response("<html>hi</html>", { headers: { "content-type": "text/html" } }) });
    expect(await failureOf(html.testConnection())).toBeInstanceOf(BadResponseError);
    const balance = createSegmindBackend({ apiKey: "k", fetch: async () => Response.json({ credits: 1.5, "free-credits": 0.25 }) });
    expect(await balance.testConnection()).toEqual({ ok: true, summary: "Segmind: key accepted, 1.75 credits left (0.25 of them free).", credits: { remaining: 1.75 } });
  });

  it("testConnection reports a bad key and a wrong base URL with their own errors", async () => {
    const bad = createSegmindBackend({ apiKey: "SG_wrong", baseUrl: fake.url });
    expect(await failureOf(bad.testConnection())).toBeInstanceOf(AuthError);
    const wrongUrl = createSegmindBackend({ apiKey: fake.key, baseUrl: `${fake.url}/nothing-here` });
    const error = await failureOf(wrongUrl.testConnection());
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect(error.message).toMatch(/Check the base URL/);
  });
});
