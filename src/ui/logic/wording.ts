import type { LayerInfo, Provenance } from "../../shared/sandbox-api";

/** The SDK's node types as a designer names them. */
const KINDS: Record<string, string> = {
  ImageRectangle: "Image",
  MediaContainer: "Image",
  Group: "Group",
  Text: "Text",
  Rectangle: "Shape",
  Ellipse: "Shape",
  Path: "Shape",
  Line: "Line",
  GridLayout: "Grid",
  ComplexShape: "Shape",
  SolidColorShape: "Shape",
  StrokeShape: "Shape",
  "artgr:Polygon": "Shape",
  GridCell: "Image",
  LinkedAsset: "Linked asset",
};

export const layerKind = (type: string): string => KINDS[type] ?? "Layer";

/** "Image 840 × 560": what the layer is and its size on the page, as the Express layers panel would show it. */
export function layerName(layer: Pick<LayerInfo, "type" | "size">): string {
  return `${layerKind(layer.type)} ${Math.round(layer.size.width)} × ${Math.round(layer.size.height)}`;
}

/** Product names as their makers write them. */
export function backendName(kind: Provenance["backend"]): string {
  return kind === "segmind" ? "Segmind" : kind === "gateway" ? "Your GPU (ComfyUI)" : "Made in the panel";
}

/** A moment as the host's locale writes it: "2 Dec 2026, 14:02". */
export function formatWhen(at: number | string, locale: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return String(at);
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
}

/** A time of day in the host's locale: "14:02" or "2:02 PM". */
export function formatClock(at: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit" }).format(new Date(at));
}

/** Elapsed time as m:ss. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}

/** Segmind's default strength when none is sent (docs: 1, a full restyle). */
export const MODEL_DEFAULT_STRENGTH = 1;

/** The strength a request used, default included, so every result can be judged by it. */
export function strengthText(strength: number | undefined): string {
  const value = strength ?? MODEL_DEFAULT_STRENGTH;
  return `Strength ${Number(value.toFixed(2))}${strength === undefined ? " (default)" : ""}`;
}
