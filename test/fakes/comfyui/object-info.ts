/**
 * The subset of ComfyUI's GET /object_info the fake knows: the built-in nodes of nodes.py and the
 * two depth preprocessors of comfyui_controlnet_aux, with inputs, defaults and ranges as those
 * sources declare them, expanded into server.py's node_info shape.
 */
export type InputSpec = [string | string[], Record<string, unknown>?];

export interface NodeDef {
  required: Record<string, InputSpec>;
  optional?: Record<string, InputSpec>;
  hidden?: Record<string, string>;
  output: string[];
  outputName?: string[];
  outputNode?: boolean;
  category: string;
  displayName: string;
  module?: string;
}

export interface ModelLists {
  checkpoints: string[];
  controlnets: string[];
  /** Files in ComfyUI/input (LoadImage's list). */
  inputs: string[];
}

/** comfy/samplers.py: SAMPLER_NAMES and SCHEDULER_NAMES. */
export const SAMPLER_NAMES = [
  "euler", "euler_cfg_pp", "euler_ancestral", "euler_ancestral_cfg_pp", "heun", "heunpp2", "dpm_2", "dpm_2_ancestral",
  "lms", "dpm_fast", "dpm_adaptive", "dpmpp_2s_ancestral", "dpmpp_2s_ancestral_cfg_pp", "dpmpp_sde", "dpmpp_sde_gpu",
  "dpmpp_2m", "dpmpp_2m_cfg_pp", "dpmpp_2m_sde", "dpmpp_2m_sde_gpu", "dpmpp_3m_sde", "dpmpp_3m_sde_gpu", "ddpm", "lcm",
  "ipndm", "ipndm_v", "deis", "res_multistep", "res_multistep_cfg_pp", "res_multistep_ancestral",
  "res_multistep_ancestral_cfg_pp", "gradient_estimation", "er_sde", "seeds_2", "seeds_3", "ddim", "uni_pc", "uni_pc_bh2",
];
/** Samplers added in 2024 and later, absent from the older builds the fake's `older` mode plays. */
export const LATER_SAMPLERS = ["ipndm", "ipndm_v", "deis", "res_multistep", "res_multistep_cfg_pp", "res_multistep_ancestral", "res_multistep_ancestral_cfg_pp", "gradient_estimation", "er_sde", "seeds_2", "seeds_3", "euler_cfg_pp", "euler_ancestral_cfg_pp", "dpmpp_2s_ancestral_cfg_pp", "dpmpp_2m_cfg_pp"];
export const SCHEDULER_NAMES = ["simple", "sgm_uniform", "karras", "exponential", "ddim_uniform", "beta", "normal", "linear_quadratic", "kl_optimal"];

const MAX_RESOLUTION = 16384;
const AUX = "custom_nodes.comfyui_controlnet_aux";
const DEPTH_CATEGORY = "ControlNet Preprocessors/Normal and Depth Estimators";
const RESOLUTION: InputSpec = ["INT", { default: 512, min: 64, max: MAX_RESOLUTION, step: 64 }];
const int = (def: number, min: number, max: number, step = 1): InputSpec => ["INT", { default: def, min, max, step }];
const float = (def: number, min: number, max: number, step: number): InputSpec => ["FLOAT", { default: def, min, max, step }];

export function nodeDefs(lists: ModelLists, older = false): Record<string, NodeDef> {
  const samplers = older ? SAMPLER_NAMES.filter((n) => !LATER_SAMPLERS.includes(n)) : SAMPLER_NAMES;
  return {
    CheckpointLoaderSimple: {
      required: { ckpt_name: [lists.checkpoints, { tooltip: "The name of the checkpoint (model) to load." }] },
      output: ["MODEL", "CLIP", "VAE"], category: "loaders", displayName: "Load Checkpoint",
    },
    CLIPTextEncode: {
      required: { text: ["STRING", { multiline: true, dynamicPrompts: true }], clip: ["CLIP"] },
      output: ["CONDITIONING"], category: "conditioning", displayName: "CLIP Text Encode (Prompt)",
    },
    LoadImage: {
      required: { image: [[...lists.inputs].sort(), { image_upload: true }] },
      output: ["IMAGE", "MASK"], category: "image", displayName: "Load Image",
    },
    ImageScale: {
      required: {
        image: ["IMAGE"], upscale_method: [["nearest-exact", "bilinear", "area", "bicubic", "lanczos"]],
        width: int(512, 0, MAX_RESOLUTION), height: int(512, 0, MAX_RESOLUTION), crop: [["disabled", "center"]],
      },
      output: ["IMAGE"], category: "image/upscaling", displayName: "Upscale Image",
    },
    ControlNetLoader: {
      required: { control_net_name: [lists.controlnets] },
      output: ["CONTROL_NET"], category: "loaders", displayName: "Load ControlNet Model",
    },
    ControlNetApplyAdvanced: {
      required: {
        positive: ["CONDITIONING"], negative: ["CONDITIONING"], control_net: ["CONTROL_NET"], image: ["IMAGE"],
        strength: float(1, 0, 10, 0.01), start_percent: float(0, 0, 1, 0.001), end_percent: float(1, 0, 1, 0.001),
      },
      ...(older ? {} : { optional: { vae: ["VAE"] } }),
      output: ["CONDITIONING", "CONDITIONING"], outputName: ["positive", "negative"],
      category: "conditioning/controlnet", displayName: "Apply ControlNet",
    },
    VAEEncode: { required: { pixels: ["IMAGE"], vae: ["VAE"] }, output: ["LATENT"], category: "latent", displayName: "VAE Encode" },
    EmptyLatentImage: {
      required: { width: int(512, 16, MAX_RESOLUTION, 8), height: int(512, 16, MAX_RESOLUTION, 8), batch_size: int(1, 1, 4096) },
      output: ["LATENT"], category: "latent", displayName: "Empty Latent Image",
    },
    RepeatLatentBatch: {
      required: { samples: ["LATENT"], amount: int(1, 1, 64) },
      output: ["LATENT"], category: "latent/batch", displayName: "Repeat Latent Batch",
    },
    KSampler: {
      required: {
        model: ["MODEL"], seed: ["INT", { default: 0, min: 0, max: 0xffffffffffffffff, control_after_generate: true }],
        steps: int(20, 1, 10000), cfg: ["FLOAT", { default: 8, min: 0, max: 100, step: 0.1, round: 0.01 }],
        sampler_name: [samplers], scheduler: [SCHEDULER_NAMES], positive: ["CONDITIONING"], negative: ["CONDITIONING"],
        latent_image: ["LATENT"], denoise: float(1, 0, 1, 0.01),
      },
      output: ["LATENT"], category: "sampling", displayName: "KSampler",
    },
    VAEDecode: { required: { samples: ["LATENT"], vae: ["VAE"] }, output: ["IMAGE"], category: "latent", displayName: "VAE Decode" },
    SaveImage: {
      required: { images: ["IMAGE"], filename_prefix: ["STRING", { default: "ComfyUI" }] },
      hidden: { prompt: "PROMPT", extra_pnginfo: "EXTRA_PNGINFO" },
      output: [], outputNode: true, category: "image", displayName: "Save Image",
    },
    DepthAnythingV2Preprocessor: {
      required: { image: ["IMAGE"] },
      optional: {
        ckpt_name: [["depth_anything_v2_vitg.pth", "depth_anything_v2_vitl.pth", "depth_anything_v2_vitb.pth", "depth_anything_v2_vits.pth"], { default: "depth_anything_v2_vitl.pth" }],
        resolution: RESOLUTION,
      },
      output: ["IMAGE"], category: DEPTH_CATEGORY, displayName: "Depth Anything V2 - Relative", module: AUX,
    },
    "MiDaS-DepthMapPreprocessor": {
      required: { image: ["IMAGE"] },
      optional: { a: float(Math.PI * 2, 0, Math.PI * 5, 0.01), bg_threshold: float(0.1, 0, 1, 0.01), resolution: RESOLUTION },
      output: ["IMAGE"], category: DEPTH_CATEGORY, displayName: "MiDaS Depth Map", module: AUX,
    },
  };
}

/** server.py node_info(): the JSON one node contributes to /object_info. */
export function nodeInfo(name: string, def: NodeDef): Record<string, unknown> {
  const input: Record<string, unknown> = { required: def.required };
  if (def.optional) input["optional"] = def.optional;
  if (def.hidden) input["hidden"] = def.hidden;
  const inputOrder: Record<string, string[]> = { required: Object.keys(def.required) };
  if (def.optional) inputOrder["optional"] = Object.keys(def.optional);
  return {
    input, input_order: inputOrder, output: def.output, output_is_list: def.output.map(() => false),
    output_name: def.outputName ?? def.output, name, display_name: def.displayName, description: "",
    python_module: def.module ?? "nodes", category: def.category, output_node: def.outputNode === true,
  };
}
