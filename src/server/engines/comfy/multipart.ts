import { randomUUID } from "node:crypto";

/** A multipart/form-data body as chunks: the file's bytes go out as they are, never copied into a Blob. */
export interface MultipartChunks {
  contentType: string;
  length: number;
  chunks: Uint8Array[];
}

const quoted = (text: string): string => text.replace(/["\r\n\\]/g, "_");

/** Text fields, then one file part: what ComfyUI's /upload/image reads (aiohttp's multipart reader). */
export function multipartChunks(fields: Record<string, string>, file: { field: string; filename: string; mimeType: string; bytes: Uint8Array }): MultipartChunks {
  const boundary = `----depth-restyle-${randomUUID()}`;
  const text = Object.entries(fields)
    .map(([name, value]) => `--${boundary}\r\ncontent-disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`)
    .join("");
  const head = Buffer.from(`${text}--${boundary}\r\ncontent-disposition: form-data; name="${quoted(file.field)}"; filename="${quoted(file.filename)}"\r\ncontent-type: ${file.mimeType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { contentType: `multipart/form-data; boundary=${boundary}`, length: head.length + file.bytes.byteLength + tail.length, chunks: [head, file.bytes, tail] };
}
