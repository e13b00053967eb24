import type { BitmapImage, ColorFill, Fill, Rect } from "@adobe/ccweb-add-on-sdk-types/express-document-sdk";
import type { ContainerPort, GroupPort, PagePort } from "../../../src/sandbox/ports";
import { fakeConstants } from "./constants";
import { FakeItemList } from "./item-list";
import { IDENTITY, unionRects, type Mat } from "./matrix";
import { FakeNode, FakeVisualNode, type DocumentHost } from "./node-base";

const T = fakeConstants.SceneNodeType;

function positiveSize(name: string, value: number): number {
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

/** The SDK's bitmap resource: the pixel size read from the encoded bytes, and the bytes themselves. */
export class FakeBitmapImage implements BitmapImage {
  constructor(
    readonly width: number,
    readonly height: number,
    readonly blob: Blob,
  ) {}
  async data(): Promise<Blob> {
    return this.blob;
  }
}

/** The uncropped image inside a media container; holds the Blob it was created from. */
export class FakeImageRectangle extends FakeNode {
  constructor(
    host: DocumentHost,
    readonly width: number,
    readonly height: number,
    readonly bitmap: FakeBitmapImage,
  ) {
    super(host, T.imageRectangle);
  }
  get boundsLocal(): Readonly<Rect> {
    return { x: 0, y: 0, width: this.width, height: this.height };
  }
}

/** Image layer as createImageContainer makes it: full-frame media under a same-size mask. */
export class FakeMediaContainer extends FakeNode {
  readonly mediaRectangle: FakeImageRectangle;
  readonly maskShape: FakeRectangle;
  constructor(host: DocumentHost, bitmap: FakeBitmapImage, width: number, height: number) {
    super(host, T.mediaContainer);
    this.mediaRectangle = new FakeImageRectangle(host, width, height, bitmap);
    this.maskShape = new FakeRectangle(host);
    this.maskShape.width = width;
    this.maskShape.height = height;
    this.mediaRectangle.parent = this;
    this.maskShape.parent = this;
  }
  get allChildren(): Readonly<Iterable<FakeNode>> {
    return [this.mediaRectangle, this.maskShape];
  }
  /** The mask's bounds are the container's visible bounds. */
  get boundsLocal(): Readonly<Rect> {
    return this.maskShape.boundsInParent;
  }
}

export class FakeArtboard extends FakeVisualNode implements ContainerPort {
  readonly children: FakeItemList<FakeNode> = new FakeItemList(this);
  fill: Readonly<ColorFill> | undefined;
  constructor(
    host: DocumentHost,
    private readonly page: FakePage,
  ) {
    super(host, T.artboard);
    this.parent = page;
  }
  get width(): number {
    return this.page.width;
  }
  get height(): number {
    return this.page.height;
  }
  get allChildren(): Readonly<Iterable<FakeNode>> {
    return this.children.toArray();
  }
  get boundsLocal(): Readonly<Rect> {
    return { x: 0, y: 0, width: this.width, height: this.height };
  }
  get worldMatrix(): Mat {
    return IDENTITY;
  }
}

export class FakePage extends FakeVisualNode implements PagePort {
  readonly artboards: { toArray(): readonly FakeArtboard[]; readonly length: number; readonly first: FakeArtboard | undefined };
  name: string | undefined;
  #width: number;
  #height: number;
  constructor(host: DocumentHost, size: { width: number; height: number; name?: string }) {
    super(host, T.page);
    this.#width = positiveSize("page width", size.width);
    this.#height = positiveSize("page height", size.height);
    this.name = size.name;
    const boards = [new FakeArtboard(host, this)];
    this.artboards = { toArray: () => [...boards], length: boards.length, first: boards[0] };
  }
  get width(): number {
    return this.#width;
  }
  get height(): number {
    return this.#height;
  }
  get allChildren(): Readonly<Iterable<FakeArtboard>> {
    return this.artboards.toArray();
  }
  get boundsLocal(): Readonly<Rect> {
    return { x: 0, y: 0, width: this.#width, height: this.#height };
  }
  get worldMatrix(): Mat {
    return IDENTITY;
  }
}

