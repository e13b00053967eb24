import { z } from "zod";

/** Shapes ComfyUI's server.py / execution.py answer, parsed once at the edge. */

/** One validation problem, as execution.validate_inputs builds it. */
export const ComfyErrorSchema = z.object({
  type: z.string(),
  message: z.string(),
  details: z.string().default(""),
  extra_info: z.record(z.string(), z.unknown()).nullish(),
});
export type ComfyError = z.infer<typeof ComfyErrorSchema>;

export const NodeErrorSchema = z.object({
  errors: z.array(ComfyErrorSchema),
  dependent_outputs: z.array(z.string()).default([]),
  class_type: z.string(),
});
export type NodeError = z.infer<typeof NodeErrorSchema>;

/**
 * 200 from POST /prompt. ComfyUI queues a prompt when at least one output node validates and
 * lists the others' problems in node_errors, so a 200 can still mean "the result will not come".
 */
export const PromptQueuedSchema = z.object({
  prompt_id: z.string().min(1),
  number: z.number(),
  node_errors: z.union([z.record(z.string(), NodeErrorSchema), z.array(z.unknown())]).default({}),
});

/** 400 from POST /prompt: `error` is an object (older versions: a string), node_errors is `{}` or `[]` when empty. */
export const PromptRejectedSchema = z.object({
  error: z.union([ComfyErrorSchema, z.string()]),
  node_errors: z.union([z.record(z.string(), NodeErrorSchema), z.array(z.unknown())]).default({}),
});
export type PromptRejected = z.infer<typeof PromptRejectedSchema>;

export const UploadedSchema = z.object({ name: z.string().min(1), subfolder: z.string().default(""), type: z.string() });
export type Uploaded = z.infer<typeof UploadedSchema>;

export const ImageRefSchema = z.object({ filename: z.string().min(1), subfolder: z.string().default(""), type: z.string() });
export type ImageRef = z.infer<typeof ImageRefSchema>;

/** status.messages is a list of [event, data] pairs (execution_start, execution_error, …). */
export const HistoryEntrySchema = z.object({
  outputs: z.record(z.string(), z.looseObject({ images: z.array(ImageRefSchema).optional() })).default({}),
  status: z
    .object({
      status_str: z.string(),
      completed: z.boolean(),
      messages: z.array(z.tuple([z.string(), z.record(z.string(), z.unknown())])).default([]),
    })
    .nullish(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;
export const HistorySchema = z.record(z.string(), HistoryEntrySchema);

/** GET /queue: items are [number, prompt_id, prompt, extra_data, outputs_to_execute, …]. */
const QueueItemSchema = z.array(z.unknown()).min(2);
export const QueueSchema = z.object({ queue_running: z.array(QueueItemSchema), queue_pending: z.array(QueueItemSchema) });
export type Queue = z.infer<typeof QueueSchema>;
export const queuedIds = (items: Queue["queue_running"]): string[] =>
  items.map((item) => item[1]).filter((id): id is string => typeof id === "string");

export const SystemStatsSchema = z.object({
  system: z.looseObject({
    os: z.string().optional(),
    comfyui_version: z.string().optional(),
    python_version: z.string().optional(),
    pytorch_version: z.string().optional(),
  }),
  devices: z.array(
    z.looseObject({
      name: z.string(),
      type: z.string().optional(),
      vram_total: z.number().optional(),
      vram_free: z.number().optional(),
    }),
  ),
});
export type SystemStats = z.infer<typeof SystemStatsSchema>;

/** One node of GET /object_info/{class}: an input spec is [type or combo list, options?]. */
const InputSpecSchema = z.array(z.unknown()).min(1);
export const NodeInfoSchema = z.looseObject({
  name: z.string(),
  input: z.object({
    required: z.record(z.string(), InputSpecSchema).default({}),
    optional: z.record(z.string(), InputSpecSchema).optional(),
  }),
  output: z.array(z.string()).default([]),
  output_node: z.boolean().default(false),
});
export type NodeInfo = z.infer<typeof NodeInfoSchema>;
export const ObjectInfoSchema = z.record(z.string(), NodeInfoSchema);
export type ObjectInfo = z.infer<typeof ObjectInfoSchema>;

/** The choices of a combo input: `[[...values], opts]` (classic) or `["COMBO", { options }]` (v3 nodes). */
export function comboOptions(node: NodeInfo | undefined, input: string): string[] | undefined {
  const spec = node?.input.required[input] ?? node?.input.optional?.[input];
  if (!spec) return undefined;
  const [kind, opts] = spec;
  if (Array.isArray(kind)) return kind.filter((v): v is string => typeof v === "string");
  const parsed = z.object({ options: z.array(z.string()) }).safeParse(opts);
  return kind === "COMBO" && parsed.success ? parsed.data.options : undefined;
}
