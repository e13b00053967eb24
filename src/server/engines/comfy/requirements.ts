import type { ComfyModels, Preprocessor } from "./workflow-schema";

/** What a ComfyUI install needs for this engine; the README lists it from here. */

export const CORE_NODES = [
  "CheckpointLoaderSimple",
  "CLIPTextEncode",
  "LoadImage",
  "ImageScale",
  "ControlNetLoader",
  "ControlNetApplyAdvanced",
  "VAEEncode",
  "RepeatLatentBatch",
  "EmptyLatentImage",
  "KSampler",
  "VAEDecode",
  "SaveImage",
] as const;

export const CONTROLNET_AUX = "comfyui_controlnet_aux (https://github.com/Fannovel16/comfyui_controlnet_aux)";

export const DEFAULT_COMFY_MODELS: ComfyModels = {
  checkpoint: "SSD-1B.safetensors",
  controlnet: "controlnet-depth-sdxl-1.0.safetensors",
  preprocessor: "DepthAnythingV2Preprocessor",
};

/** Where each model input of the workflow reads its files from. */
export const MODEL_FOLDERS: Record<string, { folder: string; kind: string }> = {
  "CheckpointLoaderSimple.ckpt_name": { folder: "ComfyUI/models/checkpoints", kind: "checkpoint" },
  "ControlNetLoader.control_net_name": { folder: "ComfyUI/models/controlnet", kind: "ControlNet" },
  "DepthAnythingV2Preprocessor.ckpt_name": {
    folder: "comfyui_controlnet_aux/ckpts (downloaded on first use)",
    kind: "Depth Anything V2 weight",
  },
};

/** How to install a node ComfyUI lacks. */
export function installHint(classType: string): string {
  if (classType === "DepthAnythingV2Preprocessor" || classType === "MiDaS-DepthMapPreprocessor")
    return `install ${CONTROLNET_AUX} into ComfyUI/custom_nodes and restart ComfyUI`;
  if ((CORE_NODES as readonly string[]).includes(classType)) return "update ComfyUI (it is a built-in node)";
  return "install the custom node pack that provides it and restart ComfyUI";
}

/** The model inputs a given configuration needs, as "Class.input" → file name. */
export function requiredModelFiles(models: ComfyModels): { key: string; file: string }[] {
  return [
    { key: "CheckpointLoaderSimple.ckpt_name", file: models.checkpoint },
    { key: "ControlNetLoader.control_net_name", file: models.controlnet },
  ];
}
