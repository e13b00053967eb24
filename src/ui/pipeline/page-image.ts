import type { PageImage } from "./types";

/** Decodes the page rendition once; each layer's crop is cut from the decoded bitmap. */
export async function decodePage(blob: Blob): Promise<PageImage> {
  const bitmap = await createImageBitmap(blob);
  return {
    size: { width: bitmap.width, height: bitmap.height },
    crop: (r) => createImageBitmap(bitmap, r.x, r.y, r.width, r.height),
    close: () => bitmap.close(),
  };
}
