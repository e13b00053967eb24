import type { AddOnData } from "@adobe/ccweb-add-on-sdk-types/express-document-sdk";
import { LayerDataFullError } from "./errors";
import { ProvenanceSchema, type Provenance } from "../shared/sandbox-api";

/** The SDK's AddOnData quota per node: 20 keys and 3 KB (counted here as UTF-8 bytes of keys + values). */
export const ADD_ON_DATA_QUOTA = { keys: 20, bytes: 3 * 1024 } as const;

/**
 * Bytes left unused below what `addOnData.remainingQuota` reports: the SDK does not say how it
 * counts (encoding, per-entry overhead), so the budget stays clear of its edge.
 */
export const QUOTA_MARGIN_BYTES = 256;

/** Every key this add-on writes starts with this prefix, so foreign or older data is left alone. */
const K = {
  version: "dr:v",
  kind: "dr:kind",
  source: "dr:source",
  backend: "dr:backend",
  created: "dr:created",
  seed: "dr:seed",
  history: "dr:history",
  truncated: "dr:truncated",
  settings: "dr:settings",
  prompt: "dr:prompt",
  negative: "dr:negative",
  band: "dr:band",
} as const;

export type AddOnEntries = Array<[key: string, value: string]>;

export function utf8Length(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

export const entriesBytes = (entries: AddOnEntries): number => entries.reduce((sum, [k, v]) => sum + utf8Length(k) + utf8Length(v), 0);

/** Longest prefix of `text` (whole code points) that takes at most `maxBytes` in UTF-8. */
export function utf8Prefix(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    bytes += utf8Length(ch);
    if (bytes > maxBytes) break;
    end += ch.length;
  }
  return text.slice(0, end);
}

/**
 * Provenance as AddOnData entries within `budget` bytes. Prompts are cut (negative prompt
 * first, then the prompt) and `truncated` set when needed; if the other settings alone are
 * too big (huge `advanced` entries), they are dropped next, keeping seed, backend and source.
 */
export function encodeProvenance(provenance: Provenance, budget: number = ADD_ON_DATA_QUOTA.bytes): AddOnEntries {
  const { prompt = "", negativePrompt, ...rest } = provenance.settings ?? {};
  const head = (truncated: boolean): AddOnEntries => [
    [K.version, String(provenance.v)],
    [K.kind, provenance.kind],
    [K.source, provenance.sourceId],
    [K.backend, provenance.backend],
    [K.created, provenance.createdAt],
    ...(provenance.seed !== undefined ? [[K.seed, String(provenance.seed)] as [string, string]] : []),
    ...(provenance.historyId !== undefined ? [[K.history, provenance.historyId] as [string, string]] : []),
    ...(provenance.band !== undefined ? [[K.band, `${provenance.band.index}/${provenance.band.count}`] as [string, string]] : []),
    [K.truncated, truncated || provenance.truncated ? "1" : "0"],
  ];
  // A prompt cut down to blanks is dropped (an empty prompt is not a valid setting); an empty
  // negative prompt is a valid value and is kept.
  const texts = (p: string, n: string | undefined): AddOnEntries => [
    ...(p.trim() ? [[K.prompt, p] as [string, string]] : []),
    ...(n !== undefined ? [[K.negative, n] as [string, string]] : []),
  ];
  const settingsEntry = (s: object | undefined): AddOnEntries => (s ? [[K.settings, JSON.stringify(s)]] : []);
  const settings = provenance.settings ? rest : undefined;

  const whole = [...head(false), ...settingsEntry(settings), ...texts(prompt, negativePrompt)];
  if (entriesBytes(whole) <= budget) return whole;

  const withoutAdvanced = settings && "advanced" in settings ? { ...settings, advanced: {} } : settings;
  for (const s of [settings, withoutAdvanced, undefined]) {
    const fixed = [...head(true), ...settingsEntry(s)];
    // Room left for the texts, after their keys; the negative prompt gives way first.
    let room = budget - entriesBytes(fixed) - utf8Length(K.prompt) - utf8Length(K.negative);
    if (room < 0) continue;
    const p = utf8Prefix(prompt, room);
    room -= utf8Length(p);
    const entries = [...fixed, ...texts(p, negativePrompt === undefined ? undefined : utf8Prefix(negativePrompt, room))];
    if (entriesBytes(entries) <= budget) return entries;
  }
  throw new LayerDataFullError(
    `The layer's provenance (source id, date, history id) does not fit in the ${Math.max(0, budget)} bytes Express keeps per layer; send shorter ids.`,
  );
}

/**
 * Stores provenance on a node within what its AddOnData says is left (minus a margin); a write
 * Express refuses becomes a LayerDataFullError that says what to do.
 */
export function writeProvenance(data: Pick<AddOnData, "setItem" | "remainingQuota">, provenance: Provenance): void {
  const { sizeInBytes, numKeys } = data.remainingQuota;
  const entries = encodeProvenance(provenance, sizeInBytes - QUOTA_MARGIN_BYTES);
  if (entries.length > numKeys)
    throw new LayerDataFullError(`The layer has room for ${numKeys} more details but its provenance needs ${entries.length}; insert it again from history as a new layer.`);
  try {
    for (const [key, value] of entries) data.setItem(key, value);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new LayerDataFullError(`Express refused the layer's provenance (${why}). Shorten the prompt, then insert it again from history.`, { cause: error });
  }
}

/** The source layer id a node was made from, when this add-on made it (a result, a depth map or their group). */
export function madeFrom(data: { getItem(key: string): string | undefined }): string | undefined {
  return data.getItem(K.version) === undefined ? undefined : data.getItem(K.source);
}

/** Reads this add-on's provenance back from a node's AddOnData; undefined when untagged or unreadable. */
export function decodeProvenance(data: { getItem(key: string): string | undefined }): Provenance | undefined {
  if (data.getItem(K.version) === undefined) return undefined;
  const seed = data.getItem(K.seed);
  const settingsText = data.getItem(K.settings);
  let settings: Record<string, unknown> | undefined;
  try {
    settings = settingsText === undefined ? undefined : (JSON.parse(settingsText) as Record<string, unknown>);
  } catch {
    return undefined;
  }
  const band = /^(\d+)\/(\d+)$/.exec(data.getItem(K.band) ?? "");
  const prompt = data.getItem(K.prompt);
  const negativePrompt = data.getItem(K.negative);
  if (prompt !== undefined) settings = { ...settings, prompt };
  if (negativePrompt !== undefined) settings = { ...settings, negativePrompt };
  const parsed = ProvenanceSchema.safeParse({
    v: Number(data.getItem(K.version)),
    kind: data.getItem(K.kind),
    sourceId: data.getItem(K.source),
    backend: data.getItem(K.backend),
    createdAt: data.getItem(K.created),
    seed: seed === undefined ? undefined : Number(seed),
    historyId: data.getItem(K.history),
    truncated: data.getItem(K.truncated) === "1",
    settings,
    band: band ? { index: Number(band[1]), count: Number(band[2]) } : undefined,
  });
  return parsed.success ? parsed.data : undefined;
}
