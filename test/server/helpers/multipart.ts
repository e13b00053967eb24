/** Hand-built multipart/form-data bodies, so tests can send exactly the bytes they mean (broken ones too). */
export const BOUNDARY = "----depth-restyle-test-boundary";

export type Part = { name: string; value: string | Uint8Array; filename?: string; contentType?: string };

export function multipartBody(parts: readonly Part[], boundary = BOUNDARY): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ""}`;
    const type = part.contentType ? `\r\ncontent-type: ${part.contentType}` : "";
    chunks.push(Buffer.from(`--${boundary}\r\ncontent-disposition: ${disposition}${type}\r\n\r\n`), Buffer.from(part.value), Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** The job field and the image part of a binary upload. */
export const uploadParts = (job: unknown, image: Uint8Array, mimeType = "image/png"): Part[] => [
  { name: "job", value: JSON.stringify(job) },
  { name: "image", value: image, filename: "input", contentType: mimeType },
];
