import type { Color, Rect } from "@adobe/ccweb-add-on-sdk-types/express-document-sdk";

/**
 * The document as the host page reads it for drawing and for test snapshots: the SDK's own
 * getters (type, transformMatrix, opacity, blendMode, children, fill, mediaRectangle…), read
 * structurally so the harness works with whichever node classes the in-memory document has.
 */
export interface ViewNode {
  readonly id: string;
  readonly type: string;
  readonly parent?: ViewNode;
  readonly transformMatrix?: ArrayLike<number>;
  readonly opacity?: number;
  readonly blendMode?: number;
  readonly rotation?: number;
  readonly translation?: { x: number; y: number };
  readonly boundsLocal?: Rect;
  boundsInNode?(target: ViewNode): Rect;
  readonly children?: Iterable<ViewNode> | { toArray(): readonly ViewNode[] };
  readonly width?: number;
  readonly height?: number;
  readonly rx?: number;
  /** Text layers: their one line of text and its size. */
  readonly text?: string;
  readonly fontSize?: number;
  readonly ry?: number;
  readonly fill?: { readonly type: string; readonly color?: Color };
  readonly mediaRectangle?: ViewNode;
  readonly maskShape?: ViewNode;
  readonly addOnData?: { keys(): string[]; getItem(key: string): string | undefined };
}

export function childrenOf(node: ViewNode): ViewNode[] {
  const kids = node.children;
  if (!kids) return [];
  if ("toArray" in kids && typeof kids.toArray === "function") return [...kids.toArray()];
  return [...(kids as Iterable<ViewNode>)];
}

/** Canvas compositing names of the SDK's BlendMode keys (passThrough only matters for groups). */
const CSS_BLEND: Record<string, GlobalCompositeOperation> = {
  passThrough: "source-over",
  normal: "source-over",
  multiply: "multiply",
  darken: "darken",
  colorBurn: "color-burn",
  lighten: "lighten",
  screen: "screen",
  colorDodge: "color-dodge",
  overlay: "overlay",
  softLight: "soft-light",
  hardLight: "hard-light",
  difference: "difference",
  exclusion: "exclusion",
  hue: "hue",
  saturation: "saturation",
  color: "color",
  luminosity: "luminosity",
  accumulate: "lighter",
};

/** Maps the document's numeric BlendMode values back to their names (from its `constants`). */
export function blendNames(constants: unknown): Map<number, string> {
  const table = (constants as { BlendMode?: Record<string, unknown> } | undefined)?.BlendMode ?? {};
  const names = new Map<number, string>();
  for (const [name, value] of Object.entries(table)) if (typeof value === "number") names.set(value, name);
  return names;
}

export const cssBlend = (name: string | undefined): GlobalCompositeOperation => (name ? (CSS_BLEND[name] ?? "source-over") : "source-over");

export const cssColor = (c: Color | undefined): string =>
  c ? `rgba(${Math.round(c.red * 255)}, ${Math.round(c.green * 255)}, ${Math.round(c.blue * 255)}, ${c.alpha})` : "transparent";
