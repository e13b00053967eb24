import type { DocumentSnapshot, ImageStats, LayerSnapshot } from "../snapshot-schema";
import type { HostDocument } from "./host-document";
import { blendNames, childrenOf, type ViewNode } from "./view-node";

async function imageStats(blob: Blob): Promise<ImageStats> {
  const bitmap = await createImageBitmap(blob);
  const size = 64;
  const canvas = new OffscreenCanvas(size, size);
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  if (!ctx) throw new Error("no 2d context");
  ctx.drawImage(bitmap, 0, 0, size, size);
  const { data } = ctx.getImageData(0, 0, size, size);
  let grayscale = true;
  let [sr, sg, sb] = [0, 0, 0];
  let [or, og, ob, opaque] = [0, 0, 0, 0];
  const grid = new Array<number>(9).fill(0);
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b] = [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0];
    if (Math.abs(r - g) > 2 || Math.abs(g - b) > 2) grayscale = false;
    sr += r;
    sg += g;
    sb += b;
    if ((data[i + 3] ?? 0) >= 128) {
      or += r;
      og += g;
      ob += b;
      opaque++;
    }
    const pixel = i / 4;
    const cell = Math.min(2, Math.floor(((pixel % size) * 3) / size)) + 3 * Math.min(2, Math.floor((Math.floor(pixel / size) * 3) / size));
    grid[cell] = (grid[cell] ?? 0) + 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  const n = data.length / 4;
  const mean: [number, number, number] = [sr / n, sg / n, sb / n];
  const perCell = (size * size) / 9;
  const result = {
    width: bitmap.width,
    height: bitmap.height,
    grayscale,
    meanLuma: 0.2126 * mean[0] + 0.7152 * mean[1] + 0.0722 * mean[2],
    mean,
    grid: grid.map((sum) => sum / perCell),
    opaqueShare: opaque / n,
    opaqueMean: (opaque ? [or / opaque, og / opaque, ob / opaque] : [0, 0, 0]) as [number, number, number],
    alphaProbe: [
      [1, 1],
      [size - 2, 1],
      [1, size - 2],
      [size - 2, size - 2],
      [size / 2, size / 2],
    ].map(([x = 0, y = 0]) => data[(y * size + x) * 4 + 3] ?? 0),
  };
  bitmap.close();
  return result;
}

function addOnDataOf(node: ViewNode): Record<string, string> {
  const data = node.addOnData;
  if (!data) return {};
  return Object.fromEntries(data.keys().map((key) => [key, data.getItem(key) ?? ""]));
}

/** Reads the whole document through the SDK's getters into plain data for tests. */
export async function snapshotDocument(doc: HostDocument, labels: Map<string, string>): Promise<DocumentSnapshot> {
  const page = doc.editor.context.currentPage;
  const artboard = page.artboards.toArray()[0];
  if (!artboard) throw new Error("the page has no artboard");
  const names = blendNames(doc.constants);
  // Read the whole tree in one synchronous pass (the add-on may edit the document while image
  // statistics are awaited), then decode the images.
  const rows: { layer: Omit<LayerSnapshot, "image">; media?: ViewNode }[] = [];
  const visit = (parent: ViewNode, depth: number) => {
    for (const [index, node] of childrenOf(parent).entries()) {
      const media = node.type === "MediaContainer" ? node.mediaRectangle : node.type === "ImageRectangle" ? node : undefined;
      const boundsLocal = node.boundsLocal ?? { x: 0, y: 0, width: 0, height: 0 };
      rows.push({
        media,
        layer: {
          id: node.id,
          type: node.type,
          label: labels.get(node.id),
          parentId: parent.id,
          index,
          depth,
          bounds: node.boundsInNode ? node.boundsInNode(artboard) : boundsLocal,
          boundsLocal,
          rotation: node.rotation ?? 0,
          opacity: node.opacity ?? 1,
          blendMode: (node.blendMode !== undefined && names.get(node.blendMode)) || "normal",
          addOnData: addOnDataOf(node),
        },
      });
      if (node.type === "Group") visit(node, depth + 1);
    }
  };
  visit(artboard, 0);
  const selection = doc.editor.context.selection.map((n) => n.id);
  const layers: LayerSnapshot[] = [];
  for (const { layer, media } of rows) {
    const blob = media ? await doc.bitmapBlob(media) : undefined;
    layers.push({ ...layer, image: blob ? await imageStats(blob) : undefined });
  }
  return {
    page: { id: page.id, width: page.width, height: page.height },
    artboardId: artboard.id,
    layers,
    selection,
  };
}
