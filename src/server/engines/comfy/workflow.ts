import type { ResolvedSettings } from "../../../shared/settings";
import { comfySamplerFor, type ComfySampler } from "./schedulers";
import type { ComfyModels, NodeInput, Workflow, WorkflowNodes } from "./workflow-schema";

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

/** Stable node ids, so tests and logs can point at a node by role. */
export const NODE_IDS = {
  checkpoint: "1",
  positive: "2",
  negative: "3",
  loadImage: "4",
  scale: "5",
  preprocessor: "6",
  depthSave: "7",
  controlnetLoader: "8",
  controlnetApply: "9",
  latent: "10",
  batch: "11",
  sampler: "12",
  decode: "13",
  resultSave: "14",
  depthScale: "15",
  controlLoad: "16",
  controlScale: "17",
} as const;

/** KSampler's smallest denoise step: denoise 0 divides by zero on older ComfyUI and renders nothing on newer. */
export const MIN_DENOISE = 0.01;

const N = NODE_IDS;
const link = (id: string, slot: number): [string, number] => [id, slot];

/** The preprocessor's `resolution` is the short side it estimates depth at (step 64, min 64). */
export const depthResolution = (width: number, height: number): number =>
  Math.max(64, Math.floor(Math.min(width, height) / 64) * 64);

function preprocessorInputs(models: ComfyModels, width: number, height: number): Record<string, NodeInput> {
  const common = { image: link(N.scale, 0), resolution: depthResolution(width, height) };
  if (models.preprocessor === "DepthAnythingV2Preprocessor") return { ...common, ckpt_name: "depth_anything_v2_vitl.pth" };
  return { ...common, a: Math.PI * 2, bg_threshold: 0.1 };
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
  const img2img = denoise < 1;
  const features = input.features ?? { sampler: comfySamplerFor(settings.scheduler), controlNetVae: true };
  const { sampler_name, scheduler } = features.sampler;

  // Your own depth map replaces the preprocessor: scaled to the render size like the input.
  const depthNode = input.controlImageName ? N.controlScale : N.depthScale;
  const prompt: Workflow = {
    [N.checkpoint]: { class_type: "CheckpointLoaderSimple", inputs: { ckpt_name: models.checkpoint } },
    [N.positive]: { class_type: "CLIPTextEncode", inputs: { text: settings.prompt, clip: link(N.checkpoint, 1) } },
    [N.negative]: { class_type: "CLIPTextEncode", inputs: { text: settings.negativePrompt, clip: link(N.checkpoint, 1) } },
    [N.loadImage]: { class_type: "LoadImage", inputs: { image: input.inputImageName } },
    [N.scale]: {
      class_type: "ImageScale",
      inputs: { image: link(N.loadImage, 0), upscale_method: "lanczos", width, height, crop: "disabled" },
    },
    [N.controlnetLoader]: { class_type: "ControlNetLoader", inputs: { control_net_name: models.controlnet } },
    [N.controlnetApply]: {
      class_type: "ControlNetApplyAdvanced",
      inputs: {
        positive: link(N.positive, 0),
        negative: link(N.negative, 0),
        control_net: link(N.controlnetLoader, 0),
        image: link(depthNode, 0),
        strength: settings.controlScale,
        start_percent: 0,
        end_percent: 1,
        ...(features.controlNetVae ? { vae: link(N.checkpoint, 2) } : {}),
      },
    },
    [N.sampler]: {
      class_type: "KSampler",
      inputs: {
        model: link(N.checkpoint, 0),
        seed: settings.seed,
        steps: settings.steps,
        cfg: settings.guidanceScale,
        sampler_name,
        scheduler,
        positive: link(N.controlnetApply, 0),
        negative: link(N.controlnetApply, 1),
        latent_image: link(img2img ? N.batch : N.latent, 0),
        denoise,
      },
    },
    [N.decode]: { class_type: "VAEDecode", inputs: { samples: link(N.sampler, 0), vae: link(N.checkpoint, 2) } },
    [N.resultSave]: { class_type: "SaveImage", inputs: { images: link(N.decode, 0), filename_prefix: prefix } },
  };

  if (img2img) {
    prompt[N.latent] = { class_type: "VAEEncode", inputs: { pixels: link(N.scale, 0), vae: link(N.checkpoint, 2) } };
    prompt[N.batch] = { class_type: "RepeatLatentBatch", inputs: { samples: link(N.latent, 0), amount: settings.samples } };
  } else {
    prompt[N.latent] = { class_type: "EmptyLatentImage", inputs: { width, height, batch_size: settings.samples } };
  }
  if (input.controlImageName) {
    prompt[N.controlLoad] = { class_type: "LoadImage", inputs: { image: input.controlImageName } };
    prompt[N.controlScale] = { class_type: "ImageScale", inputs: { image: link(N.controlLoad, 0), upscale_method: "lanczos", width, height, crop: "disabled" } };
  } else {
    prompt[N.preprocessor] = { class_type: models.preprocessor, inputs: preprocessorInputs(models, width, height) };
    prompt[N.depthScale] = {
      class_type: "ImageScale",
      inputs: { image: link(N.preprocessor, 0), upscale_method: "bilinear", width, height, crop: "disabled" },
    };
  }
  if (input.wantDepth) {
    prompt[N.depthSave] = {
      class_type: "SaveImage",
      inputs: { images: link(depthNode, 0), filename_prefix: `${prefix}-depth` },
    };
  }

  // `preprocessor` is the node whose output is the depth map (its run is the "depth" event).
  const nodes: WorkflowNodes = {
    result: N.resultSave,
    sampler: N.sampler,
    preprocessor: input.controlImageName ? N.controlScale : N.preprocessor,
    loaders: input.controlImageName ? [N.checkpoint, N.controlnetLoader] : [N.checkpoint, N.controlnetLoader, N.preprocessor],
  };
  if (input.wantDepth) nodes.depth = N.depthSave;
  return { prompt, nodes };
}
