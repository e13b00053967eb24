import type { Fill, Rect } from "@adobe/ccweb-add-on-sdk-types/express-document-sdk";
import type { GroupPort } from "../../../src/sandbox/ports";
import { fakeConstants } from "./constants";
import { FakeItemList } from "./item-list";
import { unionRects } from "./matrix";
import { FakeNode, type DocumentHost } from "./node-base";

const T = fakeConstants.SceneNodeType;

export function positiveSize(name: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0)) throw new Error(`${name} must be a positive number, got ${value}`);
  return value;
}

export class FakeRectangle extends FakeNode {
  #width = 100;
  #height = 100;
  fill: Readonly<Fill> | undefined;
  constructor(host: DocumentHost) {
    super(host, T.rectangle);
  }
  get width(): number {
    return this.#width;
  }
  set width(value: number) {
    this.host.assertEditable();
    this.#width = positiveSize("width", value);
  }
  get height(): number {
    return this.#height;
  }
  set height(value: number) {
    this.host.assertEditable();
    this.#height = positiveSize("height", value);
  }
  get boundsLocal(): Readonly<Rect> {
    return { x: 0, y: 0, width: this.#width, height: this.#height };
  }
}

/**
 * A standalone text layer (createText): one line of text. Its box is estimated from the
 * character count at `fontSize`, enough for drawing and stacking; text layout is out of scope.
 */
export class FakeText extends FakeNode {
  fontSize = 64;
  fill: Readonly<Fill> | undefined;
  constructor(
    host: DocumentHost,
    public text: string,
  ) {
    super(host, T.text);
  }
  get boundsLocal(): Readonly<Rect> {
    return { x: 0, y: 0, width: Math.max(1, this.text.length) * this.fontSize * 0.6, height: this.fontSize * 1.2 };
  }
}

export class FakeEllipse extends FakeNode {
  #rx = 50;
  #ry = 50;
  fill: Readonly<Fill> | undefined;
  constructor(host: DocumentHost) {
    super(host, T.ellipse);
  }
  get rx(): number {
    return this.#rx;
  }
  set rx(value: number) {
    this.host.assertEditable();
    this.#rx = positiveSize("rx", value);
  }
  get ry(): number {
    return this.#ry;
  }
  set ry(value: number) {
    this.host.assertEditable();
    this.#ry = positiveSize("ry", value);
  }
  get boundsLocal(): Readonly<Rect> {
    return { x: 0, y: 0, width: 2 * this.#rx, height: 2 * this.#ry };
  }
}

export class FakeGroup extends FakeNode implements GroupPort {
  readonly children: FakeItemList<FakeNode> = new FakeItemList(this);
  constructor(host: DocumentHost) {
    super(host, T.group);
    this.blendMode = fakeConstants.BlendMode.passThrough;
  }
  get allChildren(): Readonly<Iterable<FakeNode>> {
    return this.children.toArray();
  }
  /** A group's box is the union of its children's boxes in the group's coordinates. */
  get boundsLocal(): Readonly<Rect> {
    return unionRects(this.children.toArray().map((c) => c.boundsInParent));
  }
}
