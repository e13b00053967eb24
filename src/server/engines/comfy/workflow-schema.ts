import { z } from "zod";

/**
 * ComfyUI's "API format" prompt: node id (a string) → { class_type, inputs }.
 * An input is a literal widget value or a link `[sourceNodeId, outputIndex]`.
 */
export const NodeLinkSchema = z.tuple([z.string(), z.number().int().nonnegative()]);
export type NodeLink = z.infer<typeof NodeLinkSchema>;

export const NodeInputSchema = z.union([z.string(), z.number(), z.boolean(), NodeLinkSchema]);
export type NodeInput = z.infer<typeof NodeInputSchema>;

export const WorkflowNodeSchema = z.object({
  class_type: z.string().min(1),
  inputs: z.record(z.string(), NodeInputSchema),
  _meta: z.object({ title: z.string() }).optional(),
});
export type WorkflowNode = z.infer<typeof WorkflowNodeSchema>;

export const WorkflowSchema = z.record(z.string().regex(/^\d+$/, "node ids are numeric strings"), WorkflowNodeSchema);
export type Workflow = z.infer<typeof WorkflowSchema>;

/** Which nodes of a built workflow the engine watches and reads outputs from. */
export const WorkflowNodesSchema = z.object({
  /** SaveImage of the generated images. */
  result: z.string(),
  /** SaveImage of the depth map, when it was asked for. */
  depth: z.string().optional(),
  /** The KSampler, whose `progress` messages are the sampling steps. */
  sampler: z.string(),
  /** The depth preprocessor. */
  preprocessor: z.string(),
  /** Nodes that read model weights from disk (or download them) when not cached: "loading models". */
  loaders: z.array(z.string()).optional(),
});
export type WorkflowNodes = z.infer<typeof WorkflowNodesSchema>;

/** The depth estimators from comfyui_controlnet_aux this workflow can use. */
export const PREPROCESSORS = ["DepthAnythingV2Preprocessor", "MiDaS-DepthMapPreprocessor"] as const;
export const PreprocessorSchema = z.enum(PREPROCESSORS, {
  error: `preprocessor must be one of: ${PREPROCESSORS.join(", ")}`,
});
export type Preprocessor = z.infer<typeof PreprocessorSchema>;

export const ComfyModelsSchema = z.object({
  /** File name in ComfyUI/models/checkpoints (as CheckpointLoaderSimple lists it). */
  checkpoint: z.string().min(1),
  /** File name in ComfyUI/models/controlnet (as ControlNetLoader lists it). */
  controlnet: z.string().min(1),
  preprocessor: PreprocessorSchema,
});
export type ComfyModels = z.infer<typeof ComfyModelsSchema>;
