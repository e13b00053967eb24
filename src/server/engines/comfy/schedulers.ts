import type { Scheduler } from "../../../shared/settings";

/** A ComfyUI KSampler `sampler_name` + `scheduler` pair (names from comfy/samplers.py). */
export interface ComfySampler {
  sampler_name: string;
  scheduler: string;
}

/**
 * Segmind (diffusers) scheduler name → the closest ComfyUI KSampler pair.
 * Diffusers' "Karras" variants map to ComfyUI's `karras` sigma schedule; the rest use `normal`
 * (DDIM uses `ddim_uniform`, its native timestep spacing). PNDM has no ComfyUI sampler: `ipndm`
 * (improved pseudo linear multistep) is its nearest relative.
 */
export const COMFY_SAMPLERS: Readonly<Record<Scheduler, ComfySampler>> = {
  UniPC: { sampler_name: "uni_pc", scheduler: "normal" },
  "Euler a": { sampler_name: "euler_ancestral", scheduler: "normal" },
  DDIM: { sampler_name: "ddim", scheduler: "ddim_uniform" },
  "DPM Multi": { sampler_name: "dpmpp_2m", scheduler: "normal" },
  "DPM Single": { sampler_name: "dpmpp_sde", scheduler: "normal" },
  Euler: { sampler_name: "euler", scheduler: "normal" },
  Heun: { sampler_name: "heun", scheduler: "normal" },
  "DPM2 a Karras": { sampler_name: "dpm_2_ancestral", scheduler: "karras" },
  "DPM2 Karras": { sampler_name: "dpm_2", scheduler: "karras" },
  LMS: { sampler_name: "lms", scheduler: "normal" },
  PNDM: { sampler_name: "ipndm", scheduler: "normal" },
};

export function comfySamplerFor(scheduler: Scheduler): ComfySampler {
  return COMFY_SAMPLERS[scheduler];
}
