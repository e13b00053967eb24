import type { CreateRenditionOptions, CreateRenditionResult, Point, Rect } from "@adobe/ccweb-add-on-sdk-types/express-document-sdk";
import type { BasePort, NodePort, PagePort, VisualPort } from "../../../src/sandbox/ports";
import { FakeAddOnData } from "./add-on-data";
import { fakeConstants } from "./constants";
import { FakeItemList } from "./item-list";
import { IDENTITY, apply, fromRotationTranslation, invert, mapRect, multiply, type Mat } from "./matrix";
import { createNodeRendition, type RenditionRules } from "./node-rendition";

type SceneNodeType = BasePort["type"];
type BlendMode = NodePort["blendMode"];

/** What every node shares with its document: ids, the active-content rule, change notices. */
export interface DocumentHost {
  nextId(): string;
  /** Throws when the SDK would refuse an edit (content no longer active after an await). */
  assertEditable(): void;
  structureChanged(): void;
  /** Per-node renditions (experimental API): allowed or not, and how to draw. */
  readonly renditions?: RenditionRules;
}

export abstract class FakeBaseNode implements BasePort {
  readonly id: string;
  readonly addOnData: FakeAddOnData;
  parent: FakeVisualNode | undefined;

  constructor(
    readonly host: DocumentHost,
    readonly type: SceneNodeType,
  ) {
    this.id = host.nextId();
    this.addOnData = new FakeAddOnData(() => host.assertEditable());
  }

  /** Pages and artboards are not removable through this document; FakeNode overrides this. */
  removeFromParent(): void {
    throw new Error(`a ${this.type} cannot be removed from its parent`);
  }
}

export abstract class FakeVisualNode extends FakeBaseNode implements VisualPort {
  abstract get boundsLocal(): Readonly<Rect>;
  abstract get allChildren(): Readonly<Iterable<FakeVisualNode>>;
  /** Transform from this node's coordinates to the page's (artboards sit at the page origin). */
  abstract get worldMatrix(): Mat;

  get centerPointLocal(): Readonly<Point> {
    const b = this.boundsLocal;
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  }

  get topLeftLocal(): Readonly<Point> {
    const b = this.boundsLocal;
    return { x: b.x, y: b.y };
  }

  /** Highest ancestor with visual presence below the page (the artboard), or the top of an orphan chain. */
  get visualRoot(): FakeVisualNode {
    let node: FakeVisualNode = this;
    while (node.parent && node.parent.type !== fakeConstants.SceneNodeType.page) node = node.parent;
    return node;
  }

  localPointInNode(localPoint: Point, targetNode: VisualPort): Readonly<Point> {
    const target = asFake(targetNode);
    if (target.visualRoot !== this.visualRoot) throw new Error("localPointInNode: both nodes must share the same visualRoot");
    return apply(multiply(invert(target.worldMatrix), this.worldMatrix), localPoint);
  }
}

export abstract class FakeNode extends FakeVisualNode implements NodePort {
  #rotation = 0;
  #translation: Point = { x: 0, y: 0 };
  #opacity = 1;
  #blendMode: BlendMode = fakeConstants.BlendMode.normal;
  locked = false;

  get allChildren(): Readonly<Iterable<FakeNode>> {
    return [];
  }

  override removeFromParent(): void {
    this.host.assertEditable();
    const parent = this.parent;
    if (!parent) return;
    if (!("children" in parent && parent.children instanceof FakeItemList))
      throw new Error(`a ${this.type} cannot be removed from its ${parent.type} parent (it is part of that layer)`);
    parent.children.remove(this);
  }

  get rotation(): number {
    return this.#rotation;
  }
  get translation(): Readonly<Point> {
    return { ...this.#translation };
  }
  set translation(value: Point) {
    this.host.assertEditable();
    if (!Number.isFinite(value.x) || !Number.isFinite(value.y)) throw new Error("translation must be finite");
    this.#translation = { x: value.x, y: value.y };
  }
  get opacity(): number {
    return this.#opacity;
  }
  set opacity(value: number) {
    this.host.assertEditable();
    if (!(value >= 0 && value <= 1)) throw new Error(`opacity must be from 0 to 1, got ${value}`);
    this.#opacity = value;
  }
  get blendMode(): BlendMode {
    return this.#blendMode;
  }
  set blendMode(value: BlendMode) {
    this.host.assertEditable();
    if (typeof value !== "number" || !(value in fakeConstants.BlendMode)) throw new Error(`unknown blend mode ${String(value)}`);
    this.#blendMode = value;
  }

  get transformMatrix(): Mat {
    return fromRotationTranslation(this.#rotation, this.#translation);
  }
  get worldMatrix(): Mat {
    return multiply(this.parent ? this.parent.worldMatrix : IDENTITY, this.transformMatrix);
  }
  get rotationInScreen(): number {
    let total = this.#rotation;
    for (let p = this.parent; p instanceof FakeNode; p = p.parent) total += p.rotation;
    return total;
  }
  get boundsInParent(): Readonly<Rect> {
    return mapRect(this.transformMatrix, this.boundsLocal);
  }
  boundsInNode(targetNode: VisualPort): Readonly<Rect> {
    const target = asFake(targetNode);
    if (target.visualRoot !== this.visualRoot) throw new Error("boundsInNode: both nodes must share the same visualRoot");
    return mapRect(multiply(invert(target.worldMatrix), this.worldMatrix), this.boundsLocal);
  }

  /** Experimental in the installed types; see node-rendition.ts. */
  createRendition(options?: CreateRenditionOptions): Promise<CreateRenditionResult> {
    const rules = this.host.renditions ?? { experimentalApis: false };
    return createNodeRendition(this, () => mapRect(this.worldMatrix, this.boundsLocal), rules, options);
  }

  setPositionInParent(parentPoint: Point, localRegistrationPoint: Point): void {
    const m = fromRotationTranslation(this.#rotation, { x: 0, y: 0 });
    const rotated = apply(m, localRegistrationPoint);
    this.translation = { x: parentPoint.x - rotated.x, y: parentPoint.y - rotated.y };
  }

  setRotationInParent(angleInDegrees: number, localRotationPoint: Point): void {
    this.host.assertEditable();
    if (!Number.isFinite(angleInDegrees)) throw new Error("rotation must be finite");
    const fixed = apply(this.transformMatrix, localRotationPoint);
    this.#rotation = angleInDegrees;
    this.setPositionInParent(fixed, localRotationPoint);
  }
}

export function asFake(node: VisualPort | PagePort): FakeVisualNode {
  if (!(node instanceof FakeVisualNode)) throw new Error("this in-memory document only accepts its own nodes");
  return node;
}
