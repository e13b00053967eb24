import type { EngineStatus } from "../engine";
import type { ComfyClient } from "./client";
import { comboOptions, type NodeInfo } from "./protocol";
import { CORE_NODES, installHint, MODEL_FOLDERS, requiredModelFiles } from "./requirements";
import type { ComfyModels } from "./workflow-schema";

/**
 * Connection test and install check: versions and VRAM from /system_stats, then every node
 * the workflow uses and every model file it names from /object_info/{class}.
 */
export async function comfyStatus(
  base: { id: string; url: string },
  client: ComfyClient,
  models: ComfyModels,
  signal?: AbortSignal,
): Promise<EngineStatus> {
  const status: EngineStatus = { ...base, kind: "comfyui", reachable: false, missingNodes: [], missingModels: [] };
  let stats;
  try {
    stats = await client.systemStats(signal);
  } catch (error) {
    status.problem = error instanceof Error ? error.message : String(error);
    return status;
  }
  status.reachable = true;
  const versions: Record<string, string> = {};
  const { comfyui_version, python_version, pytorch_version } = stats.system;
  if (comfyui_version) versions["comfyui"] = comfyui_version;
  if (python_version) versions["python"] = python_version.split(" ")[0] ?? python_version;
  if (pytorch_version) versions["pytorch"] = pytorch_version;
  status.versions = versions;
  status.devices = stats.devices.map((d) => ({ name: d.name, vramTotal: d.vram_total, vramFree: d.vram_free }));

  const classes: string[] = [...CORE_NODES, models.preprocessor];
  let infos: (NodeInfo | undefined)[];
  try {
    infos = await Promise.all(classes.map((c) => client.nodeInfo(c, signal)));
  } catch (error) {
    status.problem = `Could not list ComfyUI's nodes: ${error instanceof Error ? error.message : String(error)}`;
    return status;
  }
  const byClass = new Map(classes.map((c, i) => [c, infos[i]] as const));
  status.missingNodes = classes.filter((c) => !byClass.get(c));

  const fixes: string[] = status.missingNodes.map((c) => `node "${c}": ${installHint(c)}`);
  for (const { key, file } of requiredModelFiles(models)) {
    const [cls = "", input = ""] = key.split(".");
    const options = comboOptions(byClass.get(cls), input);
    if (options && !options.includes(file)) {
      status.missingModels.push(file);
      fixes.push(`${MODEL_FOLDERS[key]?.kind ?? "model"} "${file}": put it in ${MODEL_FOLDERS[key]?.folder ?? "ComfyUI/models"}`);
    }
  }
  if (fixes.length) status.problem = `ComfyUI is missing ${fixes.join("; ")}. Then restart ComfyUI.`;
  return status;
}
