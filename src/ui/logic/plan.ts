import { cropRect, fitToModel, outputSize, type Rect, type Size } from "../../core/geometry";
import type { LayerInfo, SelectionInfo } from "../../shared/sandbox-api";

/** Everything needed to turn one selected layer into a model input and back. */
export interface LayerPlan {
  layer: LayerInfo;
  /** Axis-aligned pixel rectangle of the layer's bounds in the page rendition. */
  crop: Rect;
  /** Centre of the layer inside `crop`, in rendition pixels (the pivot for un-rotating). */
  center: { x: number; y: number };
  /** The layer's own (unrotated) size in rendition pixels. */
  layerPixels: Size;
  /** Rotation in degrees (on the page, not just in its parent) to undo when cutting the layer out. */
  rotation: number;
  /** What the model receives. */
  modelSize: Size;
  /** Pixel size of the image inserted back onto the layer. */
  outputSize: Size;
}

export interface SkippedLayer {
  layer: LayerInfo;
  reason: string;
}

export interface JobPlan {
  jobs: LayerPlan[];
  skipped: SkippedLayer[];
}

/**
 * Plans one job per selected layer from the page rendition's pixel size. Layers outside the
 * page or without area are skipped with a reason instead of failing the whole batch.
 */
export function planJobs(selection: SelectionInfo, rendition: Size): JobPlan {
  const { page } = selection;
  const ppuX = rendition.width / page.width;
  const ppuY = rendition.height / page.height;
  const jobs: LayerPlan[] = [];
  const skipped: SkippedLayer[] = [];
  for (const layer of selection.layers) {
    const { bounds, size } = layer;
    if (!(size.width > 0 && size.height > 0 && bounds.width > 0 && bounds.height > 0)) {
      skipped.push({ layer, reason: "The layer has no area." });
      continue;
    }
    const crop = cropRect(bounds, page, rendition);
    if (!crop) {
      skipped.push({ layer, reason: "The layer lies outside the page, so there is nothing to render." });
      continue;
    }
    const layerPixels = { width: size.width * ppuX, height: size.height * ppuY };
    jobs.push({
      layer,
      crop,
      center: { x: (bounds.x + bounds.width / 2) * ppuX - crop.x, y: (bounds.y + bounds.height / 2) * ppuY - crop.y },
      layerPixels,
      // Inside a rotated group the page-level rotation is what the rendition shows.
      rotation: layer.rotationInPage ?? layer.rotation,
      modelSize: fitToModel(layerPixels),
      outputSize: outputSize(size, ppuX),
    });
  }
  return { jobs, skipped };
}

