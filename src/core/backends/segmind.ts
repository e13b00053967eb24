import { z } from "zod";
import { CREDITS_PATH, SEGMIND_BASE_URL, SSD_DEPTH_PATH, toSegmindBody } from "../../shared/segmind-body";
import { encodeBase64 } from "../image-bytes";
import { BackendUnavailableError, BadResponseError, ModelNotFoundError, ValidationError } from "../errors";
import { errorFromResponse, readCredits, readImages } from "./segmind-answers";
import { DEFAULT_RETRY_POLICY, decideRetry, realSleep, runAttempt, type RetryPolicy, type Sleep } from "./segmind-delivery";
import type { Backend, ConnectionInfo, GenerateInput, GenerateOptions, GenerateResult } from "./types";


export interface SegmindBackendOptions {
  apiKey: string;
  baseUrl?: string;
  fetch?: typeof fetch;
  sleep?: Sleep;
  /** Source of jitter. */
  random?: () => number;
  /** Clock in epoch ms, for rate-limit reset times. */
  now?: () => number;
  /** Per attempt, covering the upload, Segmind's generation and the download. */
  timeoutMs?: number;
  maxRetries?: number;
  retry?: Partial<RetryPolicy>;
}

const CreditsAnswerSchema = z.object({ credits: z.number(), "free-credits": z.number().optional() });

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Segmind's SSD-1B Depth endpoint as a Backend (synchronous v1 API, JSON body, x-api-key). */
export function createSegmindBackend(options: SegmindBackendOptions): Backend {
  const baseUrl = (options.baseUrl ?? SEGMIND_BASE_URL).replace(/\/+$/, "");
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 180_000;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry, ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}) };
  const url = `${baseUrl}${SSD_DEPTH_PATH}`;

  /** Free: any HTTP answer of the credit endpoint proves the connection to Segmind works. */
  const reachable = () =>
    doFetch(`${baseUrl}${CREDITS_PATH}`, { method: "GET", headers: { "x-api-key": options.apiKey }, signal: AbortSignal.timeout(10_000) }).then(
      () => true,
      () => false,
    );

  async function attempt(body: string, opts: GenerateOptions): Promise<Omit<GenerateResult, "seed">> {
    return runAttempt(url, { signal: opts.signal, timeoutMs, reachable }, async (signal) => {
      opts.onProgress?.({ stage: "uploading" });
      const response = await doFetch(url, {
        method: "POST",
        headers: { "x-api-key": options.apiKey, "content-type": "application/json", accept: "image/*, application/json" },
        body,
        signal,
      });
      if (response.status !== 200) throw errorFromResponse(response.status, response.headers, await response.text(), now(), url);
      opts.onProgress?.({ stage: "downloading" });
      const images = await readImages(response);
      const credits = readCredits(response.headers);
      return credits ? { images, credits } : { images };
    });
  }

  async function generate(input: GenerateInput, opts: GenerateOptions = {}): Promise<GenerateResult> {
    const { settings } = input;
    if (input.controlImage) throw new ValidationError("Segmind makes its own depth map from the layer and cannot take yours. Use the local gateway to restyle with your own depth map.");
    // Several samples cannot travel as one raw image, so ask for JSON then.
    const body = JSON.stringify(toSegmindBody(settings, encodeBase64(input.image), settings.samples > 1));
    for (let retries = 0; ; retries++) {
      try {
        return { ...(await attempt(body, opts)), seed: settings.seed };
      } catch (error) {
        const decision = decideRetry(error, retries, policy, random);
        if (!decision.retry) throw error;
        if (decision.rateLimited) opts.onProgress?.({ stage: "waiting_rate_limit", until: now() + decision.delayMs });
        await sleep(decision.delayMs, opts.signal);
      }
    }
  }

  /**
   * Asks Segmind's documented credit-balance endpoint: it proves the key and the network path
   * without generating (so without cost) and gives the balance for the panel.
   */
  async function testConnection(signal?: AbortSignal): Promise<ConnectionInfo> {
    const creditsUrl = `${baseUrl}${CREDITS_PATH}`;
    return runAttempt(creditsUrl, { signal, timeoutMs: Math.min(timeoutMs, 30_000) }, async (inner) => {
      const response = await doFetch(creditsUrl, { method: "GET", headers: { "x-api-key": options.apiKey, accept: "application/json" }, signal: inner });
      const text = await response.text();
      if (response.status !== 200) {
        const error = errorFromResponse(response.status, response.headers, text, now(), creditsUrl);
        if (error instanceof ModelNotFoundError)
          throw new BackendUnavailableError(`${creditsUrl} is not a Segmind API (404). Check the base URL (normally ${SEGMIND_BASE_URL}).`);
        throw error;
      }
      const parsed = CreditsAnswerSchema.safeParse(parseJson(text));
      if (!parsed.success) throw new BadResponseError(`${creditsUrl} did not answer with a credit balance. Check the base URL (normally ${SEGMIND_BASE_URL}).`);
      const free = parsed.data["free-credits"] ?? 0;
      const remaining = parsed.data.credits + free;
      const detail = free > 0 ? ` (${free.toFixed(2)} of them free)` : "";
      return { ok: true, summary: `Segmind: key accepted, ${remaining.toFixed(2)} credits left${detail}.`, credits: { remaining } };
    });
  }

  return { kind: "segmind", generate, testConnection };
}
