import type { Backend } from "../../core/backends/types";
import { ValidationError } from "../../core/errors";
import { DEFAULT_DEPTH_EDIT } from "../../shared/depth-edit";
import type { LayerInfo, SelectionInfo } from "../../shared/sandbox-api";
import type { LayerPlan } from "../logic/plan";
import { readLayers } from "./page-read";
import { prepareInput, type RestyleJob } from "./restyle";
import type { PipelineDeps } from "./types";

/** True when the depth editor changes the map's shape (invert only changes how a depth layer looks). */
const shapesDepth = (deps: Pick<PipelineDeps, "depthEdit">): boolean => {
  const e = deps.depthEdit;
  return e !== undefined && (e.far !== DEFAULT_DEPTH_EDIT.far || e.near !== DEFAULT_DEPTH_EDIT.near || e.gamma !== DEFAULT_DEPTH_EDIT.gamma || e.smoothing !== DEFAULT_DEPTH_EDIT.smoothing);
};

/**
 * What guides a restyle on the local gateway: your own depth-map layer (read on its own, like a
 * source, at the source's model size), else the panel's estimate with the depth editor's levels, gamma and
 * smoothing when they change anything, else nothing (the gateway estimates depth itself). The
 * control image stays white = near, as the ControlNet expects, whatever the invert switch says.
 * Segmind estimates depth itself and takes no control image.
 */
export function controlFor(
  deps: PipelineDeps,
  backend: Pick<Backend, "kind">,
  selection: SelectionInfo,
  plan: LayerPlan,
  ownDepthLayer: LayerInfo | null,
): RestyleJob["control"] {
  if (backend.kind !== "gateway") return undefined;
  if (ownDepthLayer) {
    return async (_input, signal) => {
      const read = await readLayers(deps, { ...selection, layers: [ownDepthLayer] }, "export");
      const own = read.jobs[0];
      const reason = (read.skipped[0]?.reason ?? "It is not on this page.").replace(/\.$/, "");
      const why = reason.charAt(0).toLowerCase() + reason.slice(1);
      if (!own) throw new ValidationError(`Your depth-map layer cannot be used: ${why}. Choose it again in Depth → Your own depth map.`);
      return (await prepareInput(deps, { ...own, plan: { ...own.plan, modelSize: plan.modelSize } }, signal)).input;
    };
  }
  const estimate = deps.estimateDepth;
  if (!shapesDepth(deps) || !estimate) return undefined;
  return async (input, signal) => {
    const png = await estimate(input, { size: input.size, edit: { ...(deps.depthEdit ?? DEFAULT_DEPTH_EDIT), invert: false }, signal });
    return { bytes: await png.arrayBuffer(), mimeType: "image/png", size: input.size };
  };
}
