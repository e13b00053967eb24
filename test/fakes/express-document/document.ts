import type { Color } from "@adobe/ccweb-add-on-sdk-types/express-document-sdk";
import { ActiveContentRule } from "./active-content";
import { colorUtils } from "./color-utils";
import { fakeConstants } from "./constants";
import { FakeContext } from "./context";
import { FakeEditor } from "./editor";
import type { FakeNode, FakeVisualNode } from "./node-base";
import { FakeMediaContainer } from "./media";
import type { RenditionRules } from "./node-rendition";
import type { FakeGroup, FakeRectangle } from "./node-kinds";
import { FakePage, type FakeArtboard } from "./page";
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
  /** Per-node renditions: only with experimentalApis, drawn by `render`. */
  renditions?: RenditionRules;
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
  readonly colorUtils = colorUtils;
  readonly page: FakePage;
  readonly editor: FakeEditor;
  readonly #context: FakeContext;
  readonly #rule: ActiveContentRule;
  #ids = 0;

  constructor(options: ExpressDocumentOptions) {
    const rule = new ActiveContentRule(options.enforceActiveContent ?? false);
    const nodeHost = {
      nextId: () => `node-${++this.#ids}`,
      assertEditable: () => rule.assertEditable(),
      structureChanged: () => this.#context?.prune(),
      renditions: options.renditions,
    };
    this.#rule = rule;
    this.page = new FakePage(nodeHost, options);
    const context = new FakeContext(this.page);
    this.#context = context;
    this.editor = new FakeEditor({
      ...nodeHost,
      context,
      asyncBoundary: () => rule.asyncBoundary(),
      runAsyncLambda: (lambda) => rule.runAsyncLambda(lambda),
      runAfterAsync: (callback) => rule.runAfterAsync(callback),
    });
  }

  get artboard(): FakeArtboard {
    return this.#context.insertionParent;
  }

  /** A new synchronous turn (incoming panel call, user action): content is accessible again. */
  beginTurn(): void {
    this.#rule.beginTurn();
  }

  /** Encoded bytes behind an image layer (a media container or its image rectangle). */
  async bitmapBlob(node: { id: string }): Promise<Blob | undefined> {
    const found = this.findById(node.id);
    const container = found instanceof FakeMediaContainer ? found : found?.parent;
    return container instanceof FakeMediaContainer ? container.mediaRectangle.bitmap.blob : undefined;
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

  /**
   * Structure Express would not accept: groups must hold at least two elements. Tests assert
   * this is empty after the add-on's edits.
   */
  structuralProblems(): string[] {
    return this.snapshot()
      .nodes.filter((n) => n.type === fakeConstants.SceneNodeType.group && n.childIds.length < 2)
      .map((n) => `group ${n.id} has ${n.childIds.length} element(s); Express groups need at least two`);
  }

  snapshot(): DocumentView {
    return snapshotDocument(this.page, this.#context.selectionIncludingNonEditable);
  }

  // ── scene building for tests and the harness: the user's edits, outside the add-on's rule ──

  async addImageLayer(blob: Blob, size: { width: number; height: number }, at: LayerPlacement): Promise<FakeMediaContainer> {
    const bitmap = await this.#rule.userAwait(() => this.editor.loadBitmapImage(blob));
    return this.#rule.asUser(() => this.#place(this.editor.createImageContainer(bitmap, { initialSize: size }), at));
  }

  addRectangle(size: { width: number; height: number; color?: Color }, at: LayerPlacement): FakeRectangle {
    return this.#rule.asUser(() => {
      const rectangle = this.editor.createRectangle();
      rectangle.width = size.width;
      rectangle.height = size.height;
      if (size.color) rectangle.fill = this.editor.makeColorFill(size.color);
      return this.#place(rectangle, at);
    });
  }

  addGroup(children: readonly FakeNode[], at: LayerPlacement): FakeGroup {
    return this.#rule.asUser(() => {
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
}

export function createExpressDocument(options: ExpressDocumentOptions): FakeExpressDocument {
  return new FakeExpressDocument(options);
}
