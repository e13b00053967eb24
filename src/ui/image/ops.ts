import type { Size } from "../../core/geometry";
import type { ImageJob } from "./protocol";
import { alphaFromBackdrops, alphaRange, normaliseAlpha } from "./alpha";
import type { Encoded, LayerCut } from "./types";

function canvas2d(size: Size): { canvas: OffscreenCanvas; ctx: OffscreenCanvasRenderingContext2D } {
  const canvas = new OffscreenCanvas(size.width, size.height);
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("2D canvas is not available in this browser");
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = "high";
  return { canvas, ctx };
}

async function encode(canvas: OffscreenCanvas, size: Size, mimeType: string, quality: number): Promise<Encoded> {
  const blob = await canvas.convertToBlob({ type: mimeType, quality });
  return { bytes: await blob.arrayBuffer(), mimeType: blob.type || mimeType, size };
}

/**
 * Maps the layer's own rectangle onto the whole canvas: scale to the target size, undo the
 * layer's rotation around its centre. With no rotation this is a plain stretch of the crop.
 */
function drawLayer(ctx: OffscreenCanvasRenderingContext2D, image: CanvasImageSource, cut: LayerCut, size: Size): void {
  ctx.translate(size.width / 2, size.height / 2);
  ctx.scale(size.width / cut.layerPixels.width, size.height / cut.layerPixels.height);
  ctx.rotate((-cut.rotation * Math.PI) / 180);
  ctx.drawImage(image, -cut.center.x, -cut.center.y);
}

type Rgba = { canvas: OffscreenCanvas; ctx: OffscreenCanvasRenderingContext2D };

/** One reading of the layer, decoded and cropped here (off the panel's main thread), drawn un-rotated at `size`. */
async function drawn(blob: Blob, job: Extract<ImageJob, { op: "prepare" }>): Promise<Rgba> {
  const { x, y, width, height } = job.source.crop;
  const image = await createImageBitmap(blob, x, y, width, height);
  const out = canvas2d(job.size);
  drawLayer(out.ctx, image, job.cut, job.size);
  image.close();
  return out;
}

/** The layer at model size with its own alpha: from the black/white pair, or as read (per-node rendition). */
async function layerPixels(job: Extract<ImageJob, { op: "prepare" }>): Promise<{ layer: Rgba; seeThrough: boolean }> {
  const { width, height } = job.size;
  // Both readings decode at once (the browser decodes on its own threads).
  const [layer, overWhite] = await Promise.all([drawn(job.source.image, job), job.source.overWhite ? drawn(job.source.overWhite, job) : undefined]);
  const pixels = layer.ctx.getImageData(0, 0, width, height);
  const range = overWhite ? alphaFromBackdrops(pixels.data, overWhite.ctx.getImageData(0, 0, width, height).data, pixels.data) : alphaRange(pixels.data);
  const seeThrough = normaliseAlpha(pixels.data, range);
  layer.ctx.putImageData(pixels, 0, 0);
  return { layer, seeThrough };
}

/** The alpha channel alone (white elsewhere), which compresses far better than the layer's colours. */
async function maskOf(layer: Rgba, size: Size): Promise<Encoded> {
  const pixels = layer.ctx.getImageData(0, 0, size.width, size.height);
  for (let i = 0; i < pixels.data.length; i += 4) pixels.data.fill(255, i, i + 3);
  const { canvas, ctx } = canvas2d(size);
  ctx.putImageData(pixels, 0, 0);
  return encode(canvas, size, "image/png", 1);
}

/** Runs one image job; used inside the worker (OffscreenCanvas keeps the panel responsive). */
export async function runImageJob(job: ImageJob): Promise<Encoded & { mask?: Encoded }> {
  switch (job.op) {
    case "prepare": {
      const { layer, seeThrough } = await layerPixels(job);
      if (job.background === null) return encode(layer.canvas, job.size, "image/png", 1);
      const { canvas, ctx } = canvas2d(job.size);
      // JPEG has no alpha: see-through pixels would turn black, so flatten onto the neutral colour first.
      ctx.fillStyle = job.background;
      ctx.fillRect(0, 0, job.size.width, job.size.height);
      ctx.drawImage(layer.canvas, 0, 0);
      const input = await encode(canvas, job.size, "image/jpeg", job.quality);
      return seeThrough ? { ...input, mask: await maskOf(layer, job.size) } : input;
    }
    case "resize": {
      const bitmap = await createImageBitmap(new Blob([job.bytes], { type: job.mimeType }));
      const { canvas, ctx } = canvas2d(job.size);
      if (job.outMimeType === "image/jpeg") {
        ctx.fillStyle = "#ffffff";
        ctx.fillRect(0, 0, job.size.width, job.size.height);
      }
      ctx.drawImage(bitmap, 0, 0, job.size.width, job.size.height);
      bitmap.close();
      if (job.mask) {
        // Keep only the source's footprint: neighbours stay visible around a cut-out.
        const mask = await createImageBitmap(new Blob([job.mask.bytes], { type: job.mask.mimeType }));
        ctx.globalCompositeOperation = "destination-in";
        ctx.drawImage(mask, 0, 0, job.size.width, job.size.height);
        mask.close();
      }
      return encode(canvas, job.size, job.outMimeType, job.quality);
    }
  }
}
