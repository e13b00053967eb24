import { z } from "zod";

/**
 * JSON frames of ComfyUI's /ws (`{ type, data }`), as server.py's send_json and execution.py
 * send them. Other types (previews as binary frames, progress_state, custom nodes' events) are
 * ignored. Older ComfyUI omits prompt_id on `progress`; it runs one prompt at a time, so a
 * frame without it belongs to the prompt that is executing.
 */
const promptId = z.string();

export const WsMessageSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("status"),
    data: z.looseObject({
      status: z.object({ exec_info: z.object({ queue_remaining: z.number() }) }).optional(),
      sid: z.string().optional(),
    }),
  }),
  z.object({ type: z.literal("execution_start"), data: z.looseObject({ prompt_id: promptId }) }),
  z.object({ type: z.literal("execution_cached"), data: z.looseObject({ prompt_id: promptId, nodes: z.array(z.string()) }) }),
  z.object({
    type: z.literal("executing"),
    data: z.looseObject({ node: z.string().nullable(), prompt_id: promptId.optional() }),
  }),
  z.object({
    type: z.literal("progress"),
    data: z.looseObject({
      value: z.number(),
      max: z.number(),
      prompt_id: promptId.optional(),
      node: z.string().nullish(),
    }),
  }),
  z.object({
    type: z.literal("executed"),
    data: z.looseObject({ node: z.string(), prompt_id: promptId, output: z.record(z.string(), z.unknown()).nullish() }),
  }),
  z.object({ type: z.literal("execution_success"), data: z.looseObject({ prompt_id: promptId }) }),
  z.object({
    type: z.literal("execution_error"),
    data: z.looseObject({
      prompt_id: promptId,
      node_id: z.string().nullish(),
      node_type: z.string().nullish(),
      exception_message: z.string(),
      exception_type: z.string().optional(),
    }),
  }),
  z.object({
    type: z.literal("execution_interrupted"),
    data: z.looseObject({ prompt_id: promptId, node_id: z.string().nullish(), node_type: z.string().nullish() }),
  }),
]);
export type WsMessage = z.infer<typeof WsMessageSchema>;

const KNOWN_WS_TYPES: ReadonlySet<string> = new Set(WsMessageSchema.options.map((o) => o.shape.type.value));

/**
 * Parses one text frame; undefined for types we do not follow. A known type with a shape we
 * cannot read is reported through `onBad` so a protocol change is visible in the logs.
 */
export function parseWsFrame(text: string, onBad?: (reason: string) => void): WsMessage | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    onBad?.("frame is not JSON");
    return undefined;
  }
  const type = z.object({ type: z.string() }).safeParse(json);
  if (!type.success || !KNOWN_WS_TYPES.has(type.data.type)) return undefined;
  const parsed = WsMessageSchema.safeParse(json);
  if (!parsed.success) {
    onBad?.(`unexpected "${type.data.type}" frame: ${parsed.error.issues[0]?.message ?? "invalid"}`);
    return undefined;
  }
  return parsed.data;
}

/** server.py BinaryEventTypes that carry a sampler preview. */
const PREVIEW_IMAGE = 1;
const PREVIEW_IMAGE_WITH_METADATA = 4;
const PreviewMetadataSchema = z.looseObject({ prompt_id: z.string().optional() });

export interface PreviewFrame {
  bytes: Uint8Array;
  /** Set by the metadata variant; the legacy frame belongs to the prompt running for this client. */
  promptId?: string;
}

/**
 * A binary frame as a preview image: 4-byte big-endian event type, then either a 4-byte image
 * format and the image (PREVIEW_IMAGE) or a 4-byte metadata length, JSON metadata and the image
 * (PREVIEW_IMAGE_WITH_METADATA). Anything else (TEXT, custom nodes' frames) is undefined.
 */
export function parsePreviewFrame(data: ArrayBuffer): PreviewFrame | undefined {
  if (data.byteLength < 8) return undefined;
  const view = new DataView(data);
  const type = view.getUint32(0);
  if (type === PREVIEW_IMAGE) return { bytes: new Uint8Array(data, 8) };
  if (type !== PREVIEW_IMAGE_WITH_METADATA) return undefined;
  const length = view.getUint32(4);
  if (8 + length > data.byteLength) return undefined;
  let meta: unknown;
  try {
    meta = JSON.parse(new TextDecoder().decode(new Uint8Array(data, 8, length)));
  } catch {
    return undefined;
  }
  const parsed = PreviewMetadataSchema.safeParse(meta);
  const promptId = parsed.success ? parsed.data.prompt_id : undefined;
  return { bytes: new Uint8Array(data, 8 + length), ...(promptId ? { promptId } : {}) };
}
