import { BadResponseError } from "../../core/errors";
import type { Size } from "../../core/geometry";
import { LayerRenditionSchema, type BackdropColor, type LayerInfo, type SelectionInfo } from "../../shared/sandbox-api";
import type { RenderIntent } from "../host/types";
import type { LayerSource } from "../image/types";
import { planJobs, type JobPlan, type LayerPlan } from "../logic/plan";
import type { PipelineDeps } from "./types";

const BLACK: BackdropColor = { red: 0, green: 0, blue: 0 };
const WHITE: BackdropColor = { red: 1, green: 1, blue: 1 };

/** A layer's plan and the undecoded reading(s) it is cut from. */
export interface LayerJob {
  plan: LayerPlan;
  source: LayerSource;
}

/** Pixel size from a PNG's header (renditions are PNG): the panel plans without decoding. */
export async function pngSize(blob: Blob): Promise<Size> {
  const head = new DataView(await blob.slice(0, 24).arrayBuffer());
  const isPng = head.byteLength >= 24 && head.getUint32(0) === 0x89504e47 && head.getUint32(12) === 0x49484452;
  if (!isPng) throw new BadResponseError("Express returned a page image the add-on cannot read (not a PNG). Try again.");
  return { width: head.getUint32(16), height: head.getUint32(20) };
}

/**
 * The published build: the layers read from two page renditions, with this add-on's earlier
 * results hidden and each layer first over a black, then over a white backdrop (their difference
 * is the layer's own alpha). The page is restored whatever happens.
 */
async function readFromPage(deps: Pick<PipelineDeps, "sandbox" | "renderPage">, selection: SelectionInfo, intent: RenderIntent): Promise<{ jobs: LayerJob[]; skipped: JobPlan["skipped"] }> {
  const sourceIds = selection.layers.map((l) => l.id);
  let black: Blob;
  let white: Blob;
  try {
    await deps.sandbox.beginRead({ sourceIds, backdrop: BLACK });
    black = await deps.renderPage(intent);
    await deps.sandbox.beginRead({ sourceIds, backdrop: WHITE });
    white = await deps.renderPage(intent);
  } catch (error) {
    await deps.sandbox.endRead().catch(() => undefined); // the read's own failure is the one to report
    throw error;
  }
  await deps.sandbox.endRead();
  const plan = planJobs(selection, await pngSize(black));
  return { jobs: plan.jobs.map((p) => ({ plan: p, source: { image: black, overWhite: white, crop: p.crop } })), skipped: plan.skipped };
}

/** The experimental build: each layer alone, with its alpha, from the per-node rendition (nothing overlapping). */
async function readNodes(deps: Pick<PipelineDeps, "sandbox">, selection: SelectionInfo): Promise<{ jobs: LayerJob[]; skipped: JobPlan["skipped"] }> {
  const out: { jobs: LayerJob[]; skipped: JobPlan["skipped"] } = { jobs: [], skipped: [] };
  for (const layer of selection.layers) {
    const answer = LayerRenditionSchema.safeParse(await deps.sandbox.renderLayer({ sourceId: layer.id }));
    if (!answer.success) throw new BadResponseError("The document returned no image of the layer. Reload the add-on and try again.");
    const { blob, bounds } = answer.data;
    // The rendition covers `bounds`: plan as if that rectangle were the whole page.
    const local: LayerInfo = { ...layer, bounds: { ...layer.bounds, x: layer.bounds.x - bounds.x, y: layer.bounds.y - bounds.y } };
    const plan = planJobs({ page: { id: selection.page.id, width: bounds.width, height: bounds.height }, layers: [local] }, await pngSize(blob));
    out.skipped.push(...plan.skipped.map((s) => ({ ...s, layer })));
    out.jobs.push(...plan.jobs.map((p) => ({ plan: { ...p, layer }, source: { image: blob, crop: p.crop } })));
  }
  return out;
}

/** Reads every selected layer's own pixels, the way this build can. */
export function readLayers(deps: Pick<PipelineDeps, "sandbox" | "renderPage" | "nodeRenditions">, selection: SelectionInfo, intent: RenderIntent) {
  return deps.nodeRenditions ? readNodes(deps, selection) : readFromPage(deps, selection, intent);
}
