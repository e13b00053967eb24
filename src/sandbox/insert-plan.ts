import type { BlendMode } from "../shared/settings";
import type { Size } from "../shared/size";

export interface Point {
  x: number;
  y: number;
}

/**
 * Aspect-ratio difference treated as pixel rounding: within it the layer takes the source's
 * exact size; beyond it the image keeps its own aspect (the SDK requires initialSize to match
 * the bitmap's aspect) and is centred inside the source's box.
 */
export const ASPECT_SLACK = 0.005;

export function displaySize(source: Size, bitmap: Size): Size {
  const ratio = source.width / source.height / (bitmap.width / bitmap.height);
  if (Math.abs(ratio - 1) <= ASPECT_SLACK) return { width: source.width, height: source.height };
  const scale = Math.min(source.width / bitmap.width, source.height / bitmap.height);
  return { width: bitmap.width * scale, height: bitmap.height * scale };
}

export interface LayerRequest {
  role: "result" | "depth" | "slice";
  bitmap: Size;
  opacity: number;
  blendMode: BlendMode;
}
export type PlannedLayer<L extends LayerRequest = LayerRequest> = L & { size: Size };
export interface InsertPlan<L extends LayerRequest = LayerRequest> {
  /** Bottom to top; the first goes directly above the source, each next one directly above it. */
  layers: PlannedLayer<L>[];
  /** Two or more layers are grouped; the group takes the slot directly above the source. */
  group: boolean;
}

/** The restyle result sits directly above the source; a depth map, when present, above the result. */
export function planInsert<L extends LayerRequest>(source: Size, layers: readonly L[]): InsertPlan<L> {
  if (!(source.width > 0 && source.height > 0)) throw new RangeError("the source layer has no area");
  if (layers.length === 0) throw new RangeError("nothing to insert");
  const rank = (role: LayerRequest["role"]) => (role === "depth" ? 1 : 0);
  const ordered = [...layers].sort((a, b) => rank(a.role) - rank(b.role));
  return {
    layers: ordered.map((layer) => ({ ...layer, size: displaySize(source, layer.bitmap) })),
    group: ordered.length >= 2,
  };
}

/**
 * Where a new result of `sourceId` goes in its container's child list (index 0 = bottom): the
 * index of the child it lands directly above — the highest earlier result of the same source
 * (a result, a depth map, or their group, known by provenance), else the source itself. So the
 * newest result is the one on top and visible, and the source stays untouched below.
 */
export function stackAbove(sourceIndex: number, madeFrom: readonly (string | undefined)[], sourceId: string): number {
  if (!(sourceIndex >= 0 && sourceIndex < madeFrom.length)) throw new RangeError("the source is not in its container");
  let anchor = sourceIndex;
  madeFrom.forEach((from, index) => {
    if (from === sourceId && index > anchor) anchor = index;
  });
  return anchor;
}

export interface Placement {
  /** Rotation relative to the container the layer is in. */
  rotation: number;
  /** The layer's own centre, the registration point for rotation and position. */
  localCenter: Point;
  /** Where that centre goes, in the container's coordinates (the source's centre). */
  containerPoint: Point;
}

/**
 * Same centre and same on-page rotation as the source: `box` is the new layer's local bounds,
 * `sourceCenter` the source's centre in the container's coordinates, `rotationInContainer` the
 * source's rotation relative to that container.
 */
export function placeOverSource(box: Size & Partial<Point>, sourceCenter: Point, rotationInContainer: number): Placement {
  return {
    rotation: rotationInContainer,
    localCenter: { x: (box.x ?? 0) + box.width / 2, y: (box.y ?? 0) + box.height / 2 },
    containerPoint: { x: sourceCenter.x, y: sourceCenter.y },
  };
}
