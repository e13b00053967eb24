import type { Color, ColorFill, RectangleGeometry } from "@adobe/ccweb-add-on-sdk-types/express-document-sdk";
import type { EditorPort, PagePort, VisualPort } from "../../../src/sandbox/ports";
import { fakeConstants } from "./constants";
import type { FakeContext } from "./context";
import { readImageHeader } from "./image-header";
import { asFake, type DocumentHost } from "./node-base";
import { FakeBitmapImage, FakeMediaContainer } from "./media";
import { FakeEllipse, FakeGroup, FakeRectangle, FakeText } from "./node-kinds";

/** Express's import limit: 8000 px on the longest side. */
export const MAX_IMAGE_SIDE = 8000;
/**
 * initialSize "must have the same aspect ratio as bitmapData" (SDK types). Checked to the pixel:
 * scaled to the bitmap's width, initialSize's height must round to the bitmap's height, and
 * the other way round.
 */
export function sameAspectToThePixel(size: RectangleGeometry, bitmap: { width: number; height: number }): boolean {
  return Math.round((size.height * bitmap.width) / size.width) === bitmap.height && Math.round((size.width * bitmap.height) / size.height) === bitmap.width;
}

/** What the editor needs from its document besides the node host (the active-content rule). */
export interface EditorHost extends DocumentHost {
  readonly context: FakeContext;
  /** An SDK promise settled: the synchronous span that found the content has ended. */
  asyncBoundary(): void;
  runAsyncLambda<T>(lambda: () => Promise<T>): Promise<T>;
  runAfterAsync(callback: () => void): void;
}

export class FakeEditor implements EditorPort {
  readonly #bitmaps = new WeakSet<FakeBitmapImage>();

  constructor(private readonly host: EditorHost) {}

  get context(): FakeContext {
    return this.host.context;
  }

  async loadBitmapImage(bitmapData: Blob): Promise<FakeBitmapImage> {
    if (!bitmapData || typeof bitmapData.arrayBuffer !== "function") throw new TypeError("loadBitmapImage expects a Blob");
    const header = readImageHeader(new Uint8Array(await bitmapData.arrayBuffer()));
    this.host.asyncBoundary();
    if (!header) throw new Error("loadBitmapImage: the data is not a PNG or JPEG image");
    if (header.width < 1 || header.height < 1) throw new Error("loadBitmapImage: the image has no pixels");
    if (Math.max(header.width, header.height) > MAX_IMAGE_SIDE)
      throw new Error(`loadBitmapImage: ${header.width}×${header.height} exceeds ${MAX_IMAGE_SIDE} px on a side`);
    const bitmap = new FakeBitmapImage(header.width, header.height, bitmapData);
    this.#bitmaps.add(bitmap);
    return bitmap;
  }

  createImageContainer(bitmapData: FakeBitmapImage, options?: { initialSize?: RectangleGeometry }): FakeMediaContainer {
    this.host.assertEditable();
    if (!this.#bitmaps.has(bitmapData)) throw new Error("createImageContainer: the BitmapImage was not loaded by this editor");
    const size = options?.initialSize ?? this.#defaultSize(bitmapData);
    if (!(size.width > 0 && size.height > 0)) throw new Error("createImageContainer: initialSize must be positive");
    if (!sameAspectToThePixel(size, bitmapData))
      throw new Error(
        `createImageContainer: initialSize ${size.width}×${size.height} must have the bitmap's aspect ratio (${bitmapData.width}×${bitmapData.height})`,
      );
    return new FakeMediaContainer(this.host, bitmapData, size.width, size.height);
  }

  createGroup(): FakeGroup {
    this.host.assertEditable();
    return new FakeGroup(this.host);
  }

  createRectangle(): FakeRectangle {
    this.host.assertEditable();
    const rectangle = new FakeRectangle(this.host);
    rectangle.fill = this.makeColorFill({ red: 0, green: 0, blue: 0, alpha: 1 });
    return rectangle;
  }

  createText(textContent: string): FakeText {
    this.host.assertEditable();
    const text = new FakeText(this.host, textContent);
    text.fill = this.makeColorFill({ red: 0, green: 0, blue: 0, alpha: 1 });
    return text;
  }

  createEllipse(): FakeEllipse {
    this.host.assertEditable();
    const ellipse = new FakeEllipse(this.host);
    ellipse.fill = this.makeColorFill({ red: 0, green: 0, blue: 0, alpha: 1 });
    return ellipse;
  }

  makeColorFill(color: Color): ColorFill {
    return { type: fakeConstants.FillType.color, color: { ...color } };
  }

  async keepContentActiveDuringAsync<T>(target: VisualPort | PagePort, asyncLambda: () => Promise<T>, afterAsyncCallback: (asyncResult: T) => void): Promise<void> {
    const node = asFake(target);
    const page = this.host.context.currentPage;
    if (node !== page && node.visualRoot.parent !== page) throw new Error("keepContentActiveDuringAsync: the target is not on the current page");
    const result = await this.host.runAsyncLambda(asyncLambda);
    this.host.runAfterAsync(() => afterAsyncCallback(result));
  }

  /** Like a drag-and-drop import: full size, scaled down to fit the page. */
  #defaultSize(bitmap: FakeBitmapImage): RectangleGeometry {
    const page = this.host.context.currentPage;
    const scale = Math.min(1, page.width / bitmap.width, page.height / bitmap.height);
    return { width: bitmap.width * scale, height: bitmap.height * scale };
  }
}
