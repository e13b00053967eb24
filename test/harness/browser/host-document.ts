import type { BitmapImage, Color, ColorFill, Fill, Point, RectangleGeometry } from "@adobe/ccweb-add-on-sdk-types/express-document-sdk";
import type { ViewNode } from "./view-node";

/** A node the host can edit through the SDK's own setters (scene building, dragging). */
export interface EditableNode extends ViewNode {
  translation: Point;
  width?: number;
  height?: number;
  fill?: Readonly<Fill>;
  opacity?: number;
  readonly centerPointLocal?: Point;
  setRotationInParent?(angle: number, localPoint: Point): void;
}

export interface ItemListLike<T> {
  append(...items: T[]): void;
  toArray(): readonly T[];
}

/** The SDK calls the host page itself makes on the in-memory document (all public API). */
export interface HostEditor {
  readonly context: {
    selection: readonly ViewNode[];
    readonly currentPage: ViewNode & { readonly width: number; readonly height: number; readonly name?: string; readonly artboards: { toArray(): readonly ViewNode[] } };
    readonly insertionParent: ViewNode & { readonly children: ItemListLike<ViewNode> };
    on(event: "selectionChange", handler: () => void): string;
  };
  loadBitmapImage(blob: Blob): Promise<BitmapImage>;
  keepContentActiveDuringAsync<T>(target: ViewNode, lambda: () => Promise<T>, after: (result: T) => void): Promise<void>;
  createImageContainer(bitmap: BitmapImage, options?: { initialSize?: RectangleGeometry }): EditableNode;
  createRectangle(): EditableNode;
  createEllipse(): EditableNode & { rx: number; ry: number };
  createText(textContent: string): EditableNode & { fontSize: number };
  makeColorFill(color: Color): ColorFill;
}

export interface HostDocument {
  editor: HostEditor;
  constants: unknown;
  colorUtils: { fromHex(hex: string): Color };
  fonts?: unknown;
  viewport?: unknown;
  /** A new synchronous turn (a panel call reaching the sandbox, a user action): content is active again. */
  beginTurn(): void;
  /** The node with this id anywhere in the document. */
  findById?(id: string): ViewNode | undefined;
  /** Encoded bytes behind an ImageRectangle node (for drawing and snapshots). */
  bitmapBlob(node: ViewNode): Promise<Blob | undefined>;
}
