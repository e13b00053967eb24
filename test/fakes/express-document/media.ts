import type { BitmapImage, Rect } from "@adobe/ccweb-add-on-sdk-types/express-document-sdk";
import { fakeConstants } from "./constants";
import { FakeNode, type DocumentHost } from "./node-base";
import { FakeRectangle } from "./node-kinds";

const T = fakeConstants.SceneNodeType;

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
