import type { DocumentSnapshot, LayerSnapshot } from "../../../harness/snapshot-schema";

export function layer(doc: DocumentSnapshot, label: string): LayerSnapshot {
  const found = doc.layers.find((l) => l.label === label);
  if (!found) throw new Error(`no layer labelled ${label} in the document`);
  return found;
}

/** Layers present in `after` but not in `before`. */
export const addedLayers = (before: DocumentSnapshot, after: DocumentSnapshot): LayerSnapshot[] =>
  after.layers.filter((l) => !before.layers.some((b) => b.id === l.id));

/** The top-level (artboard child) layer sitting directly above `source`. */
export function layerAbove(doc: DocumentSnapshot, source: LayerSnapshot): LayerSnapshot | undefined {
  const now = doc.layers.find((l) => l.id === source.id);
  if (!now) return undefined;
  return doc.layers.find((l) => l.parentId === now.parentId && l.index === now.index + 1);
}

/** What a layer looks like apart from its stacking position (which moves when layers are added below it). */
export const appearance = (l: LayerSnapshot) => ({ ...l, index: undefined });

export function expectRectClose(actual: { x: number; y: number; width: number; height: number }, expected: typeof actual, tolerance = 1): void {
  for (const key of ["x", "y", "width", "height"] as const) {
    if (Math.abs(actual[key] - expected[key]) > tolerance) {
      throw new Error(`${key} differs: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)} (±${tolerance})`);
    }
  }
}
