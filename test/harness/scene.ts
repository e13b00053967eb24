import { z } from "zod";

/**
 * The document the host page builds at start-up, through the document SDK's own calls
 * (loadBitmapImage, createImageContainer, translation, setRotationInParent…). Images are
 * either files served by the harness or patterns drawn in the browser (tests need no assets).
 */
const PatternSchema = z.object({
  pattern: z.enum(["gradient", "checker", "rings", "cutout"]),
  colors: z.tuple([z.string(), z.string()]),
  /** Pixel size of the generated bitmap (the layer's size in the document is separate). */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

const LayerBase = z.object({
  /** Test-facing name, kept by the host (the SDK has no layer names). */
  label: z.string(),
  x: z.number(),
  y: z.number(),
  width: z.number().positive(),
  height: z.number().positive(),
  rotation: z.number().default(0),
  opacity: z.number().min(0).max(1).default(1),
});

export const SceneLayerSchema = z.discriminatedUnion("kind", [
  LayerBase.extend({ kind: z.literal("image"), source: z.union([z.object({ url: z.string() }), PatternSchema]) }),
  LayerBase.extend({ kind: z.literal("rectangle"), color: z.string() }),
  LayerBase.extend({ kind: z.literal("ellipse"), color: z.string() }),
]);
export type SceneLayer = z.infer<typeof SceneLayerSchema>;

export const SceneSchema = z.object({
  page: z.object({ width: z.number().int().positive(), height: z.number().int().positive(), background: z.string().default("#ffffff") }),
  /** Bottom to top. */
  layers: z.array(SceneLayerSchema),
  /** Labels of the layers selected at start. */
  selected: z.array(z.string()).default([]),
});
export type Scene = z.input<typeof SceneSchema>;
export type ParsedScene = z.infer<typeof SceneSchema>;

/** A small document for the browser tests: three image layers (one rotated) over a shape. */
export const TEST_SCENE: Scene = {
  page: { width: 1200, height: 800, background: "#f4f1ea" },
  layers: [
    { label: "backdrop", kind: "rectangle", x: 40, y: 40, width: 1120, height: 720, color: "#c9d6df" },
    { label: "photo", kind: "image", x: 100, y: 120, width: 480, height: 320, source: { pattern: "gradient", colors: ["#1d4e89", "#f9c74f"], width: 960, height: 640 } },
    { label: "tilted", kind: "image", x: 640, y: 140, width: 300, height: 300, rotation: 15, source: { pattern: "rings", colors: ["#2a9d8f", "#e76f51"], width: 600, height: 600 } },
    { label: "tile", kind: "image", x: 720, y: 520, width: 360, height: 200, opacity: 0.9, source: { pattern: "checker", colors: ["#264653", "#e9c46a"], width: 720, height: 400 } },
  ],
  selected: [],
};
