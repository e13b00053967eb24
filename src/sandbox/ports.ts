import type * as Sdk from "@adobe/ccweb-add-on-sdk-types/express-document-sdk";

/**
 * The slice of the Express document SDK this add-on uses, cut from the SDK's published types
 * (Pick), so a renamed or retyped member fails to compile. code.ts hands the real `editor` and
 * `constants` in (which only compiles while they satisfy these ports); tests hand in the
 * in-memory fake, which implements the same ports.
 */

export interface BasePort extends Pick<Sdk.BaseNode, "id" | "type" | "addOnData" | "removeFromParent"> {
  readonly parent: BasePort | undefined;
}

export interface VisualPort extends BasePort, Pick<Sdk.VisualNode, "boundsLocal" | "centerPointLocal" | "topLeftLocal"> {
  readonly allChildren: Readonly<Iterable<VisualPort>>;
  localPointInNode(localPoint: Sdk.Point, targetNode: VisualPort): Readonly<Sdk.Point>;
}

export interface NodePort
  extends VisualPort,
    Pick<Sdk.Node, "translation" | "rotation" | "rotationInScreen" | "opacity" | "blendMode" | "setPositionInParent" | "setRotationInParent"> {
  readonly allChildren: Readonly<Iterable<NodePort>>;
  readonly visualRoot: VisualPort;
  boundsInNode(targetNode: VisualPort): Readonly<Sdk.Rect>;
}

export type ItemListPort<T extends NodePort> = Pick<Sdk.ItemList<T>, "insertAfter" | "insertBefore" | "append" | "indexOf" | "toArray" | "length">;

/** Artboards and groups: nodes with a mutable, ordered `children` list (index 0 = bottom). */
export interface ContainerPort extends VisualPort {
  readonly children: ItemListPort<NodePort>;
  readonly allChildren: Readonly<Iterable<NodePort>>;
}

export interface GroupPort extends NodePort, ContainerPort {
  readonly allChildren: Readonly<Iterable<NodePort>>;
}

export interface PagePort extends BasePort, Pick<Sdk.ActivePageNode, "width" | "height"> {
  readonly allChildren: Readonly<Iterable<ContainerPort>>;
}

export type BitmapImagePort = Pick<Sdk.BitmapImage, "width" | "height">;

/** A plain filled rectangle (the backdrop placed under a layer while the panel reads it). */
export interface RectanglePort extends NodePort, Pick<Sdk.RectangleNode, "width" | "height"> {
  fill: Readonly<Sdk.Fill> | undefined;
}

/** The per-node rendition (experimental in the installed types; used only by `npm run build:experimental`). */
export type RenditionPort = Pick<Sdk.VisualNode, "createRendition">;

export interface ContextPort extends Pick<Sdk.ExpressContext, "on" | "off"> {
  readonly selection: readonly NodePort[];
  readonly currentPage: PagePort;
}

export interface EditorPort {
  readonly context: ContextPort;
  loadBitmapImage(bitmapData: Blob): Promise<BitmapImagePort>;
  createImageContainer(bitmapData: BitmapImagePort, options?: { initialSize?: Sdk.RectangleGeometry }): NodePort;
  createGroup(): GroupPort;
  createRectangle(): RectanglePort;
  makeColorFill(color: Sdk.Color): Sdk.ColorFill;
  keepContentActiveDuringAsync<T>(target: VisualPort | PagePort, asyncLambda: () => Promise<T>, afterAsyncCallback: (asyncResult: T) => void): Promise<void>;
}

export type ConstantsPort = Pick<typeof Sdk.constants, "BlendMode" | "EditorEvent" | "CreateRenditionFormat">;
export type SdkBlendMode = Sdk.Node["blendMode"];

/** Compile-time proof that the SDK's own classes satisfy the ports (API drift fails here). */
type Assert<T extends true> = T;
type Fits<A, B> = [A] extends [B] ? true : false;
export type SdkFitsPorts = [
  Assert<Fits<Sdk.ExpressEditor, EditorPort>>,
  Assert<Fits<Sdk.ExpressContext, ContextPort>>,
  Assert<Fits<Sdk.Node, NodePort>>,
  Assert<Fits<Sdk.GroupNode, GroupPort>>,
  Assert<Fits<Sdk.ArtboardNode, ContainerPort>>,
  Assert<Fits<Sdk.MediaContainerNode, NodePort>>,
  Assert<Fits<Sdk.ActivePageNode, PagePort>>,
  Assert<Fits<Sdk.BitmapImage, BitmapImagePort>>,
  Assert<Fits<Sdk.RectangleNode, RectanglePort>>,
  Assert<Fits<Sdk.Node, RenditionPort>>,
];

export function isContainer(node: BasePort | undefined): node is ContainerPort {
  return node !== undefined && "children" in node && "allChildren" in node;
}
