import type { Size } from "../../core/geometry";
import type { ImageJob } from "./protocol";
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
function drawLayer(ctx: OffscreenCanvasRenderingContext2D, image: ImageBitmap, cut: LayerCut, size: Size): void {
  ctx.translate(size.width / 2, size.height / 2);
  ctx.scale(size.width / cut.layerPixels.width, size.height / cut.layerPixels.height);
  ctx.rotate((-cut.rotation * Math.PI) / 180);
  ctx.drawImage(image, -cut.center.x, -cut.center.y);
}

/** Runs one image job; used inside the worker (OffscreenCanvas keeps the panel responsive). */
export async function runImageJob(job: ImageJob): Promise<Encoded> {
  switch (job.op) {
    case "prepare": {
      const { canvas, ctx } = canvas2d(job.size);
      // JPEG has no alpha: transparent pixels would turn black, so flatten onto the neutral colour first.
      if (job.background !== null) {
        ctx.fillStyle = job.background;
        ctx.fillRect(0, 0, job.size.width, job.size.height);
      }
      drawLayer(ctx, job.image, job.cut, job.size);
      job.image.close();
      return encode(canvas, job.size, job.mimeType, job.quality);
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
      return encode(canvas, job.size, job.outMimeType, job.quality);
    }
  }
}
