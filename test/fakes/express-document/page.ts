import type { ColorFill, Rect } from "@adobe/ccweb-add-on-sdk-types/express-document-sdk";
import type { ContainerPort, PagePort } from "../../../src/sandbox/ports";
import { fakeConstants } from "./constants";
import { FakeItemList } from "./item-list";
import { IDENTITY, type Mat } from "./matrix";
import { FakeVisualNode, type DocumentHost, type FakeNode } from "./node-base";
import { positiveSize } from "./node-kinds";

const T = fakeConstants.SceneNodeType;

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
