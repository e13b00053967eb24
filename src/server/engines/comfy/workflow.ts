import type { ResolvedSettings } from "../../../shared/settings";
import { ComfyWorkflow, type Image } from "./comfy-workflow";
import { comfySamplerFor, type ComfySampler } from "./schedulers";
import type { ComfyModels, Workflow, WorkflowNodes } from "./workflow-schema";

/** What the ComfyUI install offers, read from /object_info (see capabilities.ts); defaults suit a recent ComfyUI. */
export interface ComfyFeatures {
  /** The KSampler pair to use (the scheduler's own, or its fallback on an older install). */
  sampler: ComfySampler;
  /** ControlNetApplyAdvanced declares the optional `vae` input (older builds raise a TypeError on it). */
  controlNetVae: boolean;
}

export interface DepthWorkflowInput {
  settings: ResolvedSettings;
  /** The name `POST /upload/image` answered (with its subfolder prefix, if any). */
  inputImageName: string;
  /** Your own depth map's upload name: used as the ControlNet image, and no preprocessor runs. */
  controlImageName?: string;
  models: ComfyModels;
  wantDepth: boolean;
  /** Output size; the input is scaled to it so every latent and hint matches. */
  width: number;
  height: number;
  /** SaveImage prefix; "sub/name" puts files in output/sub. */
  filenamePrefix?: string;
  features?: ComfyFeatures;
}

export interface DepthWorkflow {
  prompt: Workflow;
  nodes: WorkflowNodes;
}

/** KSampler's smallest denoise step: denoise 0 divides by zero on older ComfyUI and renders nothing on newer. */
export const MIN_DENOISE = 0.01;


/** The preprocessor's `resolution` is the short side it estimates depth at (step 64, min 64). */
export const depthResolution = (width: number, height: number): number =>
  Math.max(64, Math.floor(Math.min(width, height) / 64) * 64);

function preprocessorWidgets(models: ComfyModels, width: number, height: number): Record<string, string | number> {
  const resolution = depthResolution(width, height);
  if (models.preprocessor === "DepthAnythingV2Preprocessor") return { resolution, ckpt_name: "depth_anything_v2_vitl.pth" };
  return { resolution, a: Math.PI * 2, bg_threshold: 0.1 };
}

/**
 * SSD-1B + depth ControlNet restyle as a ComfyUI API-format prompt. Pure: same input, same prompt.
 * strength < 1 is img2img (VAEEncode of the input, KSampler denoise = strength, at least
 * MIN_DENOISE); strength 1 or unset starts from an EmptyLatentImage. `samples` becomes the latent
 * batch size. The depth map is scaled to the render size after the preprocessor (which answers at
 * its own resolution), so the ControlNet hint and the saved map match the result pixel for pixel.
 */
export function buildDepthWorkflow(input: DepthWorkflowInput): DepthWorkflow {
  const { settings, models, width, height } = input;
  const prefix = input.filenamePrefix ?? "depth-restyle/result";
  const denoise = Math.max(MIN_DENOISE, settings.strength ?? 1);
  const features = input.features ?? { sampler: comfySamplerFor(settings.scheduler), controlNetVae: true };

  const w = new ComfyWorkflow();
  const checkpoint = w.loadCheckpoint(models.checkpoint);
  const positive = w.encodeText(checkpoint.clip, settings.prompt);
  const negative = w.encodeText(checkpoint.clip, settings.negativePrompt);
  const scaled = w.scaleImage(w.loadImage(input.inputImageName), width, height, "lanczos");
  // Your own depth map replaces the preprocessor: scaled to the render size like the input.
  let estimator: string | undefined;
  let depth: Image;
  if (input.controlImageName) {
    depth = w.scaleImage(w.loadImage(input.controlImageName), width, height, "lanczos");
  } else {
    const estimated = w.imageToImage(models.preprocessor, scaled, preprocessorWidgets(models, width, height));
    estimator = estimated.node;
    depth = w.scaleImage(estimated, width, height, "bilinear");
  }
  const controlNet = w.loadControlNet(models.controlnet);
  const guided = w.applyControlNet({ positive, negative, controlNet, image: depth, strength: settings.controlScale, ...(features.controlNetVae ? { vae: checkpoint.vae } : {}) });
  const latent =
    denoise < 1 ? w.repeatLatent(w.encodeImage(checkpoint.vae, scaled), settings.samples) : w.emptyLatent(width, height, settings.samples);
  const sampled = w.sample({
    model: checkpoint.model,
    ...guided,
    latent,
    seed: settings.seed,
    steps: settings.steps,
    cfg: settings.guidanceScale,
    samplerName: features.sampler.sampler_name,
    scheduler: features.sampler.scheduler,
    denoise,
  });
  const result = w.save(w.decode(checkpoint.vae, sampled), prefix);

  // `preprocessor` is the node whose output is the depth map (its run is the "depth" event).
  const nodes: WorkflowNodes = {
    result,
    sampler: sampled.node,
    preprocessor: estimator ?? depth.node,
    loaders: [checkpoint.model.node, controlNet.node, ...(estimator ? [estimator] : [])],
  };
  if (input.wantDepth) nodes.depth = w.save(depth, `${prefix}-depth`);
  return { prompt: w.prompt, nodes };
}
