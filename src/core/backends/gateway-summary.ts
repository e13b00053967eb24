import type { EngineStatusJson } from "../../shared/gateway-api";
import { BackendUnavailableError, ModelMissingError } from "../errors";

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

function problemOf(engine: EngineStatusJson): string {
  const where = engine.url ?? engine.id;
  const missing = [...engine.missingModels, ...engine.missingNodes];
  if (engine.reachable && missing.length) return `${where} is missing ${missing.join(", ")}`;
  return `${where}: ${engine.problem ?? "not reachable"}`;
}

const usable = (e: EngineStatusJson): boolean => e.reachable && e.missingModels.length === 0 && e.missingNodes.length === 0 && !e.problem;

/**
 * One line for the panel's "Test connection": "2 ComfyUI workers ready", plus what is wrong with
 * the others. Throws when no worker can run a job, naming each missing model or the problem.
 */
export function summarizeEngines(engines: readonly EngineStatusJson[]): string {
  const comfy = engines.filter((e) => e.kind === "comfyui");
  const ready = comfy.filter(usable);
  const segmind = engines.find((e) => e.kind === "segmind");
  const broken = comfy.filter((e) => !usable(e));
  if (ready.length === 0) {
    const missing = broken.flatMap((e) => (e.reachable ? [...e.missingModels, ...e.missingNodes] : []));
    const detail = broken.map(problemOf).join("; ");
    if (comfy.length === 0) throw new BackendUnavailableError("The gateway has no ComfyUI worker. Restart it with --comfy http://127.0.0.1:8188.");
    if (missing.length) throw new ModelMissingError(`No ComfyUI worker can run the depth workflow: ${detail}. Install the named files into ComfyUI's models folders (or nodes via ComfyUI-Manager), then test again.`, missing);
    throw new BackendUnavailableError(`The gateway is running but no ComfyUI worker is reachable: ${detail}. Start ComfyUI, then test again.`);
  }
  const parts = [`${plural(ready.length, "ComfyUI worker")} ready`];
  if (broken.length) parts.push(`not usable: ${broken.map(problemOf).join("; ")}`);
  if (segmind) parts.push(usable(segmind) ? "Segmind passthrough ready" : `Segmind passthrough: ${segmind.problem ?? "not reachable"}`);
  return `Gateway: ${parts.join("; ")}.`;
}
