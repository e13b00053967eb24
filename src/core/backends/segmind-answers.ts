import { z } from "zod";
import { decodeBase64Payload, sniffImageType } from "../image-bytes";
import {
  AuthError,
  BadResponseError,
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
} from "../errors";
import type { Credits, EncodedImage } from "./types";

/** Segmind answers errors as `{ error }`; other fields and HTML pages (405) are seen too. */
const ErrorBodySchema = z.object({ error: z.unknown(), message: z.unknown(), detail: z.unknown() }).partial();

/** The server's own words, from whatever body came back, kept short for one line of UI. */
export function errorText(body: string): string {
  let text = body;
  try {
    const parsed = ErrorBodySchema.safeParse(JSON.parse(body));
    if (parsed.success) {
      const found = [parsed.data.error, parsed.data.message, parsed.data.detail].find((v) => v !== undefined && v !== null);
      if (found !== undefined) text = typeof found === "string" ? found : JSON.stringify(found);
    }
  } catch {
    text = body.replace(/<[^>]*>/g, " ");
  }
  text = text.replace(/\s+/g, " ").trim();
  return text.length > 200 ? `${text.slice(0, 197)}…` : text;
}

/**
 * Milliseconds until Segmind lets us in again: `x-rate-limit-reset-at-utc` (an ISO/HTTP date, or
 * epoch seconds/ms — the format is undocumented) or a standard `Retry-After` (seconds or date).
 */
export function rateLimitWaitMs(headers: Headers, now: number): number | undefined {
  const waits: number[] = [];
  const reset = headers.get("x-rate-limit-reset-at-utc")?.trim();
  if (reset) {
    const asNumber = Number(reset);
    const at = Number.isFinite(asNumber) ? (asNumber < 1e12 ? asNumber * 1000 : asNumber) : Date.parse(/[zZ]|[+-]\d\d:?\d\d$|GMT|UTC/.test(reset) ? reset : `${reset}Z`);
    if (Number.isFinite(at)) waits.push(at - now);
  }
  const retryAfter = headers.get("retry-after")?.trim();
  if (retryAfter) {
    const seconds = Number(retryAfter);
    const wait = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now;
    if (Number.isFinite(wait)) waits.push(wait);
  }
  return waits.length ? Math.max(0, ...waits) : undefined;
}

/** 406 is Segmind's answer for three different problems; only the message tells them apart. */
function classify406(said: string): DepthRestyleError {
  if (/spend|budget|team limit|limit reached|limit exceeded/i.test(said))
    return new SpendLimitError(`Your Segmind team reached its spend limit ("${said}"). Ask the team owner to raise the limit in the Segmind console (Team settings), then try again.`);
  if (/content[- ]?type|media type|application\/json|mime/i.test(said))
    return new ContentTypeError(`Segmind refused the request's content type ("${said}"). If you use a proxy or custom base URL, make sure it forwards Content-Type: application/json unchanged; otherwise report this as a bug.`);
  return new CreditsError(`Your Segmind account does not have enough credits ("${said || "Not enough credits"}"). Add credits in the Segmind console (Billing), then try again.`);
}

/** One typed error, with a fix-it message, for every non-200 answer of the generate endpoint. */
export function errorFromResponse(status: number, headers: Headers, body: string, now: number, url: string): DepthRestyleError {
  const said = errorText(body);
  const quoted = said ? ` ("${said}")` : "";
  switch (status) {
    case 401:
      return new AuthError(`Segmind rejected the API key${quoted}. Copy a key from your Segmind console (API Keys) and paste it again.`);
    case 403:
      return new ForbiddenError(`Segmind does not allow this key to use SSD-1B Depth${quoted}. Check the key's team and permissions in the Segmind console, or use a key from an account that has access.`);
    case 404:
      return new ModelNotFoundError(`Segmind has no model at ${url}${quoted}. Check the base URL (normally https://api.segmind.com); if it is right, the model was renamed — update the add-on.`);
    case 406:
      return classify406(said);
    case 410:
      return new ModelRetiredError(`Segmind has retired SSD-1B Depth${quoted}. Switch to the local GPU backend in Settings, or update the add-on to a version that uses Segmind's current model.`);
    case 422:
      return new ValidationError(`Segmind rejected the request: ${said || "validation error"}. Change the named setting and try again.`);
    case 429: {
      const wait = rateLimitWaitMs(headers, now);
      const when = wait === undefined ? "in a minute" : `after ${new Date(now + wait).toISOString().slice(11, 19)} UTC`;
      return new RateLimitError(`Segmind's rate limit for your plan is reached${quoted}. Try again ${when}, or upgrade your Segmind plan for a higher limit.`, wait);
    }
  }
  if (status >= 500)
    return new ServerError(`Segmind had a server error (HTTP ${status})${quoted}. Nothing was billed; try again in a minute; if it persists, try again later or use the local GPU backend.`, status);
  return new BadResponseError(`Segmind answered HTTP ${status}${quoted}, which this add-on does not know. Try again; if it persists, update the add-on or report it.`);
}

/**
 * The 200 answer with `base64: true`. Segmind does not document the field name, so `image`,
 * `images[]` and `output` (string or list) are all accepted; unknown fields are ignored.
 */
const ImagesJsonSchema = z
  .object({
    image: z.string(),
    images: z.array(z.string()),
    output: z.union([z.string(), z.array(z.string())]),
  })
  .partial();

const bad = (what: string) =>
  new BadResponseError(`Segmind answered 200 but ${what}. The request was billed; try again, and report this if it repeats.`);

function toImage(bytes: Uint8Array): EncodedImage {
  const mimeType = sniffImageType(bytes);
  if (!mimeType) throw bad("the answer is not a JPEG, PNG or WebP image");
  return { bytes, mimeType };
}

function decodeEntry(entry: string): EncodedImage {
  const bytes = decodeBase64Payload(entry);
  if (!bytes) throw bad(/^https?:/.test(entry) ? "sent an image URL where base64 was asked for" : "the image is not valid base64");
  return toImage(bytes);
}

/** Every image of a 200 answer, raw bytes or base64 JSON, checked to really be images. */
export async function readImages(response: Response): Promise<EncodedImage[]> {
  const type = response.headers.get("content-type") ?? "";
  const body = new Uint8Array(await response.arrayBuffer());
  if (!/json/i.test(type) && body[0] !== 0x7b) return [toImage(body)];
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw bad("the JSON answer could not be read");
  }
  const parsed = ImagesJsonSchema.safeParse(json);
  if (!parsed.success) throw bad("the JSON answer has no usable image field");
  const { image, images, output } = parsed.data;
  const entries = images ?? (image !== undefined ? [image] : typeof output === "string" ? [output] : output);
  if (!entries?.length) throw bad("the JSON answer holds no image (expected image, images or output)");
  return entries.map(decodeEntry);
}

const headerNumber = (headers: Headers, name: string): number | undefined => {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === "") return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
};

/** Credits from `x-remaining-credits` / `x-credits-consumed`, when Segmind sends them. */
export function readCredits(headers: Headers): Credits | undefined {
  const remaining = headerNumber(headers, "x-remaining-credits");
  const consumed = headerNumber(headers, "x-credits-consumed");
  if (remaining === undefined && consumed === undefined) return undefined;
  const credits: Credits = {};
  if (remaining !== undefined) credits.remaining = remaining;
  if (consumed !== undefined) credits.consumed = consumed;
  return credits;
}
