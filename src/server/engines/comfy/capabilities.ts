import { ModelMissingError } from "../../../core/errors";
import type { Scheduler } from "../../../shared/settings";
import type { ComfyClient } from "./client";
import { comboOptions } from "./protocol";
import { comfySamplerFor } from "./schedulers";
import type { ComfyFeatures } from "./workflow";

/**
 * KSampler names older ComfyUI builds lack, with the nearest sampler they do have. `ipndm`
 * (PNDM's stand-in) arrived in 2024; classic linear multistep is its ancestor and in every build.
 */
const SAMPLER_FALLBACKS: Readonly<Record<string, readonly string[]>> = { ipndm: ["lms"] };

const UPDATE = "Update ComfyUI (git pull, or the manager's Update ComfyUI), then restart it";

/**
 * What this ComfyUI install accepts, from /object_info: the optional ControlNet `vae` input is
 * sent only where ControlNetApplyAdvanced declares it, and the sampler/scheduler names only
 * where KSampler lists them — else the nearest fallback, or an error naming what to update.
 */
export async function comfyFeatures(client: ComfyClient, scheduler: Scheduler, signal?: AbortSignal): Promise<ComfyFeatures> {
  const [ksampler, apply] = await Promise.all([client.nodeInfo("KSampler", signal), client.nodeInfo("ControlNetApplyAdvanced", signal)]);
  const wanted = comfySamplerFor(scheduler);
  const samplers = comboOptions(ksampler, "sampler_name");
  const schedulers = comboOptions(ksampler, "scheduler");
  const sampler_name = [wanted.sampler_name, ...(SAMPLER_FALLBACKS[wanted.sampler_name] ?? [])].find((name) => !samplers || samplers.includes(name));
  if (!sampler_name)
    throw new ModelMissingError(`ComfyUI at ${client.baseUrl} has no "${wanted.sampler_name}" sampler, which the "${scheduler}" scheduler needs. ${UPDATE}, or choose another scheduler.`);
  if (schedulers && !schedulers.includes(wanted.scheduler))
    throw new ModelMissingError(`ComfyUI at ${client.baseUrl} has no "${wanted.scheduler}" sigma schedule, which the "${scheduler}" scheduler needs. ${UPDATE}, or choose another scheduler.`);
  return { sampler: { sampler_name, scheduler: wanted.scheduler }, controlNetVae: apply?.input.optional?.["vae"] !== undefined };
}
