import type { Color, Rect } from "@adobe/ccweb-add-on-sdk-types/express-document-sdk";
import { blendModeName } from "./constants";
import type { Mat } from "./matrix";
import { FakeNode, type FakeVisualNode } from "./node-base";
import { FakeMediaContainer } from "./media";
import { FakeEllipse, FakeGroup, FakeRectangle } from "./node-kinds";
import type { FakePage } from "./page";

/** One layer as plain data, enough to draw it and to compare documents before/after. */
export interface NodeView {
  id: string;
  type: string;
  parentId: string | undefined;
  /** Child ids in stacking order (first = bottom). */
  childIds: string[];
  /** Node → page transform in gl-matrix mat2d layout [a, b, c, d, tx, ty]. */
  pageMatrix: Mat;
  boundsLocal: Rect;
  /** Axis-aligned bounds in page coordinates. */
  boundsInPage: Rect;
  translation: { x: number; y: number };
  rotation: number;
  rotationInScreen: number;
  opacity: number;
  blendMode: string;
  locked: boolean;
  addOnData: Record<string, string>;
  /** Image layers: the encoded bytes and the bitmap's pixel size. */
  image?: { blob: Blob; pixelWidth: number; pixelHeight: number };
  fill?: Color;
  shape?: "rectangle" | "ellipse";
}

export interface DocumentView {
  page: { id: string; width: number; height: number; name: string | undefined };
  artboardId: string;
  /** Every layer in paint order (parents before their children, bottom to top). */
  nodes: NodeView[];
  selection: string[];
}

export function snapshotDocument(page: FakePage, selection: readonly FakeNode[]): DocumentView {
  const artboard = page.artboards.first;
  if (!artboard) throw new Error("the page has no artboard");
  const nodes: NodeView[] = [];
  const visit = (node: FakeNode) => {
    nodes.push(viewOf(node, artboard));
    if (node instanceof FakeGroup) node.children.toArray().forEach(visit);
  };
  artboard.children.toArray().forEach(visit);
  return {
    page: { id: page.id, width: page.width, height: page.height, name: page.name },
    artboardId: artboard.id,
    nodes,
    selection: selection.map((n) => n.id),
  };
}

function viewOf(node: FakeNode, artboard: FakeVisualNode): NodeView {
  const view: NodeView = {
    id: node.id,
    type: node.type,
    parentId: node.parent?.id,
    childIds: node instanceof FakeGroup ? node.children.toArray().map((c) => c.id) : [],
    pageMatrix: node.worldMatrix,
    boundsLocal: { ...node.boundsLocal },
    boundsInPage: { ...node.boundsInNode(artboard) },
    translation: { ...node.translation },
    rotation: node.rotation,
    rotationInScreen: node.rotationInScreen,
    opacity: node.opacity,
    blendMode: blendModeName(node.blendMode),
    locked: node.locked,
    addOnData: node.addOnData.toRecord(),
  };
  if (node instanceof FakeMediaContainer) {
    const { bitmap } = node.mediaRectangle;
    view.image = { blob: bitmap.blob, pixelWidth: bitmap.width, pixelHeight: bitmap.height };
  }
  if (node instanceof FakeRectangle || node instanceof FakeEllipse) {
    view.shape = node instanceof FakeRectangle ? "rectangle" : "ellipse";
    const fill = node.fill as { color?: Color } | undefined;
    if (fill?.color) view.fill = { ...fill.color };
  }
  return view;
}
