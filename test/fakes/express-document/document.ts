import type { Color } from "@adobe/ccweb-add-on-sdk-types/express-document-sdk";
import { fakeConstants } from "./constants";
import { FakeContext } from "./context";
import { FakeEditor, type EditorHost } from "./editor";
import { FakeNode, type FakeVisualNode } from "./node-base";
import { FakeGroup, FakeMediaContainer, FakePage, FakeRectangle, type FakeArtboard } from "./node-kinds";
import { snapshotDocument, type DocumentView } from "./snapshot";

export interface ExpressDocumentOptions {
  width: number;
  height: number;
  name?: string;
  /**
   * Enforce the SDK's rule that content found before an await may only be edited inside
   * keepContentActiveDuringAsync's afterAsyncCallback (edits elsewhere after an SDK await throw).
   * A host starts each new synchronous turn (a panel call, a user action) with `beginTurn()`.
   */
  enforceActiveContent?: boolean;
}

export interface LayerPlacement {
  x: number;
  y: number;
  rotation?: number;
  opacity?: number;
  parent?: FakeArtboard | FakeGroup;
}

/** An in-memory Express document: one active page with one artboard, driven through the SDK surface. */
export class FakeExpressDocument {
  readonly constants = fakeConstants;
  readonly colorUtils = { fromHex, toHex };
  readonly page: FakePage;
  readonly editor: FakeEditor;
  readonly #context: FakeContext;
  #ids = 0;
  #active = true;
  #lambdas = 0;
  #callbacks = 0;
  #bypass = 0;
  readonly #enforce: boolean;

  constructor(options: ExpressDocumentOptions) {
    this.#enforce = options.enforceActiveContent ?? false;
    const host: EditorHost = {
      nextId: () => `node-${++this.#ids}`,
      assertEditable: () => this.#assertEditable(),
      structureChanged: () => this.#context?.prune(),
      get context() {
        return context;
      },
      asyncBoundary: () => {
        this.#active = false;
      },
      runAsyncLambda: async (lambda) => {
        this.#lambdas++;
        try {
          return await lambda();
        } finally {
          this.#lambdas--;
          this.#active = false;
        }
      },
      runAfterAsync: (callback) => this.#inside(() => this.#callbacks++, () => this.#callbacks--, callback),
    };
    this.page = new FakePage(host, options);
    const context = new FakeContext(this.page);
    this.#context = context;
    this.editor = new FakeEditor(host);
  }

  get artboard(): FakeArtboard {
    return this.#context.insertionParent;
  }

  /** A new synchronous turn (incoming panel call, user action): content is accessible again. */
  beginTurn(): void {
    this.#active = true;
  }

  /** Encoded bytes behind an image layer (a media container or its image rectangle). */
  async bitmapBlob(node: { id: string }): Promise<Blob | undefined> {
    const found = this.findById(node.id);
    if (found instanceof FakeMediaContainer) return found.mediaRectangle.bitmap.blob;
    if (found && "bitmap" in found && found.parent instanceof FakeMediaContainer) return found.parent.mediaRectangle.bitmap.blob;
    return undefined;
  }

  findById(id: string): FakeVisualNode | undefined {
    const visit = (node: FakeVisualNode): FakeVisualNode | undefined => {
      if (node.id === id) return node;
      for (const child of node.allChildren) {
        const hit = visit(child);
        if (hit) return hit;
      }
      return undefined;
    };
    return visit(this.page);
  }

  snapshot(): DocumentView {
    return snapshotDocument(this.page, this.#context.selectionIncludingNonEditable);
  }

  // ── scene building for tests and the harness (the "user", not the add-on: no active-content rule) ──

  async addImageLayer(blob: Blob, size: { width: number; height: number }, at: LayerPlacement): Promise<FakeMediaContainer> {
    const wasActive = this.#active;
    const bitmap = await this.editor.loadBitmapImage(blob);
    this.#active = wasActive; // the user's own import is not the add-on's await
    return this.#asUser(() => this.#place(this.editor.createImageContainer(bitmap, { initialSize: size }), at));
  }

  addRectangle(size: { width: number; height: number; color?: Color }, at: LayerPlacement): FakeRectangle {
    return this.#asUser(() => {
      const rectangle = this.editor.createRectangle();
      rectangle.width = size.width;
      rectangle.height = size.height;
      if (size.color) rectangle.fill = this.editor.makeColorFill(size.color);
      return this.#place(rectangle, at);
    });
  }

  addGroup(children: readonly FakeNode[], at: LayerPlacement): FakeGroup {
    return this.#asUser(() => {
      const group = this.#place(this.editor.createGroup(), at);
      group.children.append(...children);
      return group;
    });
  }

  /** Sets the selection as a user click would (the SDK's filtering rules apply). */
  select(...nodes: FakeNode[]): void {
    this.#context.selection = nodes;
  }

  #place<N extends FakeNode>(node: N, at: LayerPlacement): N {
    (at.parent ?? this.artboard).children.append(node);
    node.translation = { x: at.x, y: at.y };
    if (at.rotation) node.setRotationInParent(at.rotation, node.centerPointLocal);
    if (at.opacity !== undefined) node.opacity = at.opacity;
    return node;
  }

  #asUser<T>(work: () => T): T {
    return this.#inside(() => this.#bypass++, () => this.#bypass--, work);
  }

  #inside<T>(enter: () => void, leave: () => void, work: () => T): T {
    enter();
    try {
      return work();
    } finally {
      leave();
    }
  }

  #assertEditable(): void {
    if (!this.#enforce || this.#bypass > 0 || this.#callbacks > 0) return;
    if (this.#lambdas > 0)
      throw new Error("Document edits are not allowed inside keepContentActiveDuringAsync's asyncLambda; make them in afterAsyncCallback");
    if (!this.#active)
      throw new Error("The content is no longer active after an await; make edits in keepContentActiveDuringAsync's afterAsyncCallback");
  }
}

function fromHex(hex: string): Color {
  const m = /^#?([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(hex.trim());
  if (!m?.[1]) throw new Error(`invalid hex color "${hex}"`);
  const n = parseInt(m[1], 16);
  return { red: ((n >> 16) & 255) / 255, green: ((n >> 8) & 255) / 255, blue: (n & 255) / 255, alpha: m[2] ? parseInt(m[2], 16) / 255 : 1 };
}

function toHex(color: Color): string {
  const byte = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 255).toString(16).padStart(2, "0");
  return `#${byte(color.red)}${byte(color.green)}${byte(color.blue)}${byte(color.alpha)}`;
}

export function createExpressDocument(options: ExpressDocumentOptions): FakeExpressDocument {
  return new FakeExpressDocument(options);
}
