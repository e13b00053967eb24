import type { ParsedScene, SceneLayer } from "../scene";
import type { EditableNode, HostDocument } from "./host-document";
import { patternBlob } from "./patterns";

async function imageBlob(layer: Extract<SceneLayer, { kind: "image" }>): Promise<Blob> {
  if ("url" in layer.source) {
    const res = await fetch(layer.source.url);
    if (!res.ok) throw new Error(`scene image ${layer.source.url}: HTTP ${res.status}`);
    return res.blob();
  }
  return patternBlob(layer.source);
}

/**
 * Builds the scene with the document SDK's public calls, like an Express user would through the
 * UI: bitmaps loaded first, then every edit inside keepContentActiveDuringAsync. Returns the
 * label of each created node id.
 */
export async function buildScene(doc: HostDocument, scene: ParsedScene): Promise<Map<string, string>> {
  const { editor, colorUtils } = doc;
  const bitmaps = new Map<string, Awaited<ReturnType<typeof editor.loadBitmapImage>>>();
  for (const layer of scene.layers) if (layer.kind === "image") bitmaps.set(layer.label, await editor.loadBitmapImage(await imageBlob(layer)));

  const labels = new Map<string, string>();
  const parent = editor.context.insertionParent;
  await editor.keepContentActiveDuringAsync(
    parent,
    async () => undefined,
    () => {
      const artboard = editor.context.currentPage.artboards.toArray()[0] as EditableNode | undefined;
      if (artboard) artboard.fill = editor.makeColorFill(colorUtils.fromHex(scene.page.background));
      for (const layer of scene.layers) {
        let node: EditableNode;
        if (layer.kind === "image") {
          const bitmap = bitmaps.get(layer.label);
          if (!bitmap) throw new Error(`no bitmap for ${layer.label}`);
          node = editor.createImageContainer(bitmap, { initialSize: { width: layer.width, height: layer.height } });
        } else if (layer.kind === "rectangle") {
          node = editor.createRectangle();
          node.width = layer.width;
          node.height = layer.height;
          node.fill = editor.makeColorFill(colorUtils.fromHex(layer.color));
        } else {
          const ellipse = editor.createEllipse();
          ellipse.rx = layer.width / 2;
          ellipse.ry = layer.height / 2;
          ellipse.fill = editor.makeColorFill(colorUtils.fromHex(layer.color));
          node = ellipse;
        }
        parent.children.append(node);
        node.translation = { x: layer.x, y: layer.y };
        if (layer.rotation) node.setRotationInParent?.(layer.rotation, { x: layer.width / 2, y: layer.height / 2 });
        if (layer.opacity !== 1) node.opacity = layer.opacity;
        labels.set(node.id, layer.label);
      }
    },
  );
  const byLabel = new Map([...labels].map(([id, label]) => [label, id]));
  const selected = scene.selected.map((label) => byLabel.get(label));
  if (selected.length) editor.context.selection = parent.children.toArray().filter((n) => selected.includes(n.id));
  return labels;
}
