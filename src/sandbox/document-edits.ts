import type { InsertDepthRequest, InsertOutcome, InsertResultRequest, InsertSlicesRequest, Provenance, SelectionInfo } from "../shared/sandbox-api";
import type { BlendMode } from "../shared/settings";
import { ImageLoadError, SourceLayerError } from "./errors";
import { findNode } from "./find-node";
import { initialSizeFor } from "./image-size";
import { planInsert, stackAbove } from "./insert-plan";
import { containerOf, placeOver, siblingsOf } from "./placement";
import type { BasePort, BitmapImagePort, ConstantsPort, EditorPort, NodePort } from "./ports";
import { writeProvenance } from "./provenance";
import { describeSelection } from "./selection";

export interface EditDeps {
  editor: EditorPort;
  constants: ConstantsPort;
  /** The experimental build: layers may be read with the per-node rendition. */
  nodeRenditions?: boolean;
}

interface NewLayer {
  role: "result" | "depth" | "slice";
  image: { bytes: ArrayBuffer; mimeType: string };
  provenance: Provenance;
  opacity: number;
  blendMode: BlendMode;
}

/** The document side of SandboxApi, on requests already parsed at the edge. The source node is only read. */
export function createDocumentEdits({ editor, constants }: EditDeps) {
  const tag = (node: BasePort, provenance: Provenance) => writeProvenance(node.addOnData, provenance);

  /** Runs inside afterAsyncCallback: every edit happens here, and a failure removes what was added. */
  function insertLayers(source: NodePort, layers: readonly (NewLayer & { bitmap: BitmapImagePort })[]): InsertOutcome {
    const parent = containerOf(source); // read again: the user may have moved the layer meanwhile
    const plan = planInsert(source.boundsLocal, layers);
    // Above every earlier result of this source, so the newest one is what the user sees.
    const stack = siblingsOf(source);
    const anchor = stack.children[stackAbove(stack.sourceIndex, stack.madeFrom, source.id)] ?? source;
    const outcome: InsertOutcome = {};
    const added: BasePort[] = [];
    try {
      const nodes = plan.layers.map((layer) => {
        const node = editor.createImageContainer(layer.bitmap, { initialSize: initialSizeFor(layer.size, layer.bitmap) });
        tag(node, layer.provenance);
        node.opacity = layer.opacity;
        node.blendMode = constants.BlendMode[layer.blendMode];
        if (layer.role === "slice") outcome.sliceIds = [node.id, ...(outcome.sliceIds ?? [])]; // bottom-up in, nearest first out
        else outcome[layer.role === "result" ? "resultId" : "depthId"] = node.id;
        return node;
      });
      if (plan.group) {
        const group = editor.createGroup();
        const bottom = plan.layers[0];
        if (bottom) tag(group, { ...bottom.provenance, band: undefined }); // the group reads as the restyle result, or as the slices
        parent.children.insertAfter(group, anchor);
        added.push(group);
        group.children.append(...nodes);
        for (const node of nodes) placeOver(node, source, group, group.rotation);
        outcome.groupId = group.id;
      } else {
        let below: NodePort = anchor;
        for (const node of nodes) {
          parent.children.insertAfter(node, below);
          added.push(node);
          placeOver(node, source, parent, 0);
          below = node;
        }
      }
      return outcome;
    } catch (error) {
      for (const node of added.reverse()) node.removeFromParent();
      throw error;
    }
  }

  async function loadImage(layer: NewLayer): Promise<NewLayer & { bitmap: BitmapImagePort }> {
    try {
      return { ...layer, bitmap: await editor.loadBitmapImage(new Blob([layer.image.bytes], { type: layer.image.mimeType })) };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new ImageLoadError(`Express could not load the ${layer.role} image (${why}). Re-insert it from history; if that fails too, generate it again.`, { cause: error });
    }
  }

  async function insert(sourceId: string, layers: readonly NewLayer[]): Promise<InsertOutcome> {
    // Find the source before any await: content is only guaranteed during this synchronous span.
    const page = editor.context.currentPage;
    const source = findNode(editor.context, sourceId);
    if (!source) throw new SourceLayerError("The source layer was deleted or moved to another page; select it again.");
    containerOf(source);
    const { width, height } = source.boundsLocal;
    if (!(width > 0 && height > 0)) throw new SourceLayerError("The source layer has no area (a straight line or an empty group); select a layer with width and height.");
    // Results and failures stay in this closure; nothing that passes through Express is relied
    // on (the callback's argument, a rejection: a typed error thrown through the host can come
    // back as a plain Error without its class).
    let loaded: Array<NewLayer & { bitmap: BitmapImagePort }> | undefined;
    let outcome: InsertOutcome | undefined;
    let failure: { error: unknown } | undefined;
    await editor.keepContentActiveDuringAsync(
      page,
      async () => {
        try {
          loaded = await Promise.all(layers.map(loadImage));
        } catch (error) {
          failure = { error };
        }
      },
      () => {
        if (!loaded) return;
        try {
          outcome = insertLayers(source, loaded);
        } catch (error) {
          failure = { error };
        }
      },
    );
    if (failure) throw failure.error;
    if (!outcome) throw new SourceLayerError("Express did not run the insertion (the page was closed meanwhile); select the layer again and insert from history.");
    return outcome;
  }

  return {
    getSelection(): SelectionInfo {
      return describeSelection(editor.context.selection, editor.context.currentPage);
    },
    insertResult({ sourceId, image, provenance, depthMap }: InsertResultRequest): Promise<InsertOutcome> {
      const layers: NewLayer[] = [{ role: "result", image, provenance, opacity: 1, blendMode: "normal" }];
      if (depthMap) layers.push({ role: "depth", ...depthMap });
      return insert(sourceId, layers);
    },
    insertDepth({ sourceId, ...depth }: InsertDepthRequest): Promise<InsertOutcome> {
      return insert(sourceId, [{ role: "depth", ...depth }]);
    },
    insertSlices({ sourceId, slices }: InsertSlicesRequest): Promise<InsertOutcome> {
      // Bottom to top: the farthest slice goes directly above the source, the nearest ends on top.
      const layers = [...slices].reverse().map((slice): NewLayer => ({ role: "slice", ...slice, opacity: 1, blendMode: "normal" }));
      return insert(sourceId, layers);
    },
  };
}

export type DocumentEdits = ReturnType<typeof createDocumentEdits>;
