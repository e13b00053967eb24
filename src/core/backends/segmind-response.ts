import { z } from "zod";
import { sniffImageType } from "../image-type";
import { decodeBase64Payload } from "../base64";
import { BadResponseError } from "../errors";
import type { Credits, EncodedImage } from "./types";

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
