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
