import { expect } from "@jest/globals";
import { ProvenanceSchema, type Provenance } from "../../src/shared/sandbox-api";
import { GenerationSettingsSchema, resolveSeed, type GenerationSettingsInput } from "../../src/shared/settings";
import { createSandboxApi } from "../../src/sandbox/api";
import type { EditorPort } from "../../src/sandbox/ports";
import { createExpressDocument, type FakeBitmapImage, type FakeEditor, type FakeExpressDocument, type FakeNode } from "../fakes/express-document";
import { imageBlob, imageBytes } from "./images";

/** A document that enforces the SDK's active-content rule, and the add-on's API on top of it. */
export function documentWithApi(width = 1000, height = 800): { doc: FakeExpressDocument; api: ReturnType<typeof createSandboxApi> } {
  const doc = createExpressDocument({ width, height, enforceActiveContent: true });
  return { doc, api: createSandboxApi({ editor: doc.editor, constants: doc.constants }) };
}

/** The fake's editor with some members replaced: a host that behaves differently in one place. */
export function editorWith(real: FakeEditor, overrides: Partial<EditorPort>): EditorPort {
  return {
    get context() {
      return real.context;
    },
    loadBitmapImage: (blob) => real.loadBitmapImage(blob),
    createImageContainer: (bitmap, options) => real.createImageContainer(bitmap as FakeBitmapImage, options),
    createGroup: () => real.createGroup(),
    createRectangle: () => real.createRectangle(),
    makeColorFill: (color) => real.makeColorFill(color),
    keepContentActiveDuringAsync: (target, lambda, after) => real.keepContentActiveDuringAsync(target, lambda, after),
    ...overrides,
  };
}

export function provenance(kind: Provenance["kind"], sourceId: string, settings: GenerationSettingsInput = { prompt: "a watercolor harbour at dusk" }): Provenance {
  const resolved = resolveSeed(GenerationSettingsSchema.parse(settings), () => 0.25);
  return ProvenanceSchema.parse({
    v: 1,
    kind,
    sourceId,
    backend: "segmind",
    settings: resolved,
    seed: resolved.seed,
    historyId: "hist-1",
    createdAt: "2026-11-29T08:00:00.000Z",
  });
}

export const close = (actual: number, expected: number, digits = 6): void => expect(actual).toBeCloseTo(expected, digits);

/** Page-space corners of a node's local box: equal corners mean the same place, size and rotation. */
export function pageCorners(node: FakeNode): Array<{ x: number; y: number }> {
  const b = node.boundsLocal;
  const m = node.worldMatrix;
  return [
    [b.x, b.y],
    [b.x + b.width, b.y],
    [b.x + b.width, b.y + b.height],
    [b.x, b.y + b.height],
  ].map(([x = 0, y = 0]) => ({ x: m[0] * x + m[2] * y + m[4], y: m[1] * x + m[3] * y + m[5] }));
}

export function expectSamePlace(actual: FakeNode, expected: FakeNode): void {
  const a = pageCorners(actual);
  pageCorners(expected).forEach((p, i) => {
    close(a[i]?.x ?? NaN, p.x, 4);
    close(a[i]?.y ?? NaN, p.y, 4);
  });
  close(actual.rotationInScreen, expected.rotationInScreen);
}

/** A 240 × 160 image layer at (120, 90), turned by `rotation` degrees about its centre. */
export async function sourceLayer(doc: FakeExpressDocument, rotation = 0) {
  return doc.addImageLayer(await imageBlob(300, 200, "jpeg"), { width: 240, height: 160 }, { x: 120, y: 90, rotation });
}

export const png = async (w: number, h: number) => ({ bytes: await imageBytes(w, h, "png"), mimeType: "image/png" as const });
