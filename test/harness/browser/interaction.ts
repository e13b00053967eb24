import type { EditableNode, HostDocument } from "./host-document";
import { invert, matrix, multiply } from "./renderer";
import { childrenOf, type ViewNode } from "./view-node";

/** The node's transform to artboard space (its own matrix composed with its parents'). */
export function worldMatrix(node: ViewNode, artboard: ViewNode): [number, number, number, number, number, number] {
  let m = matrix(node.transformMatrix);
  for (let p = node.parent; p && p.id !== artboard.id; p = p.parent) m = multiply(matrix(p.transformMatrix), m);
  return m;
}

function contains(node: ViewNode, artboard: ViewNode, x: number, y: number): boolean {
  const [a, b, c, d, e, f] = invert(worldMatrix(node, artboard));
  const lx = a * x + c * y + e;
  const ly = b * x + d * y + f;
  const r = node.boundsLocal;
  return !!r && lx >= r.x && lx <= r.x + r.width && ly >= r.y && ly <= r.y + r.height;
}

/** Topmost layer of the artboard under a page point (groups are picked whole, as in Express). */
export function hitTest(artboard: ViewNode, x: number, y: number): ViewNode | undefined {
  return childrenOf(artboard)
    .reverse()
    .find((node) => contains(node, artboard, x, y));
}

/** Click selects (shift adds/removes), drag moves the selected layers through `translation`. */
export function attachInteraction(canvas: HTMLCanvasElement, doc: HostDocument, changed: () => void): void {
  const context = doc.editor.context;
  const artboard = () => context.currentPage.artboards.toArray()[0];
  const toPage = (event: PointerEvent) => {
    const box = canvas.getBoundingClientRect();
    return { x: ((event.clientX - box.left) / box.width) * canvas.width, y: ((event.clientY - box.top) / box.height) * canvas.height };
  };
  let drag: { start: { x: number; y: number }; nodes: { node: EditableNode; from: { x: number; y: number } }[] } | undefined;

  canvas.addEventListener("pointerdown", (event) => {
    doc.beginTurn();
    const board = artboard();
    if (!board) return;
    const at = toPage(event);
    const hit = hitTest(board, at.x, at.y);
    const current = [...context.selection];
    if (event.shiftKey && hit) {
      context.selection = current.some((n) => n.id === hit.id) ? current.filter((n) => n.id !== hit.id) : [...current, hit];
    } else if (!hit || !current.some((n) => n.id === hit.id)) {
      context.selection = hit ? [hit] : [];
    }
    const nodes = context.selection as readonly EditableNode[];
    drag = hit ? { start: at, nodes: nodes.map((node) => ({ node, from: { ...node.translation } })) } : undefined;
    canvas.setPointerCapture(event.pointerId);
    changed();
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!drag) return;
    doc.beginTurn();
    const at = toPage(event);
    for (const { node, from } of drag.nodes) node.translation = { x: from.x + at.x - drag.start.x, y: from.y + at.y - drag.start.y };
    changed();
  });
  const end = () => {
    drag = undefined;
  };
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);
}

export function drawSelection(ctx: CanvasRenderingContext2D, doc: HostDocument): void {
  const board = doc.editor.context.currentPage.artboards.toArray()[0];
  if (!board) return;
  ctx.save();
  ctx.strokeStyle = "#1473e6";
  ctx.lineWidth = 3;
  ctx.setLineDash([10, 6]);
  for (const node of doc.editor.context.selection) {
    const r = node.boundsLocal;
    if (!r) continue;
    ctx.setTransform(...worldMatrix(node, board));
    ctx.strokeRect(r.x, r.y, r.width, r.height);
  }
  ctx.restore();
}
