import type { MultipartFile, MultipartValue } from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import { ValidationError, parseInput } from "../../core/errors";
import { JOB_UPLOAD_PARTS, JobUploadSchema, type JobUpload } from "../../shared/gateway-api";
import { UploadTooLargeError } from "../http/errors";

/** Largest `job` field: settings are a few hundred bytes; 64 KB leaves room for long prompts and pass-through fields. */
export const JOB_FIELD_LIMIT = 64 * 1024;

/** Multipart limits for the upload route: one JSON field, the image and an optional depth map, nothing else. */
export const multipartLimits = (bodyLimitBytes: number) => ({
  fields: 1,
  files: 2,
  parts: 3,
  fieldSize: JOB_FIELD_LIMIT,
  fieldNameSize: 64,
  headerPairs: 16,
  fileSize: bodyLimitBytes,
});

const tooLarge = (bodyLimitBytes: number) =>
  new UploadTooLargeError(
    `The image is larger than this gateway's limit of ${Math.round(bodyLimitBytes / 1024 / 1024)} MB. Send a smaller image (the model works at about 1 megapixel), or restart the gateway with a larger --body-limit-mb.`,
  );

/**
 * The file part's bytes in one buffer. With a Content-Length the buffer is allocated once at that
 * size (the file is part of the body) and filled as chunks arrive, so the upload costs its own size
 * and no copy; without one, chunks are joined at the end.
 */
async function readFile(part: MultipartFile, contentLength: number | undefined, bodyLimitBytes: number): Promise<Uint8Array> {
  const target = contentLength !== undefined ? Buffer.allocUnsafe(contentLength) : undefined;
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of part.file as AsyncIterable<Buffer>) {
    if (target) {
      if (length + chunk.length > target.length) throw tooLarge(bodyLimitBytes);
      chunk.copy(target, length);
    } else chunks.push(chunk);
    length += chunk.length;
  }
  if (part.file.truncated) throw tooLarge(bodyLimitBytes);
  const bytes = target ? target.subarray(0, length) : Buffer.concat(chunks, length);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function jobField(part: MultipartValue): unknown {
  if (typeof part.value !== "string") return part.value;
  try {
    return JSON.parse(part.value);
  } catch {
    throw new ValidationError(`${JOB_UPLOAD_PARTS.job}: must be JSON like {"settings":{"prompt":"…"}}.`);
  }
}

const MISSING = `Send multipart/form-data with a field "${JOB_UPLOAD_PARTS.job}" (JSON: settings, wantDepth, engine) and the image file as the part "${JOB_UPLOAD_PARTS.image}" (your own depth map, if any, as "${JOB_UPLOAD_PARTS.controlImage}").`;

/** Reads a multipart job upload; any malformed form is a 400 (or 413 when too large), never a server error. */
export async function readJobUpload(request: FastifyRequest, bodyLimitBytes: number): Promise<{ upload: JobUpload; bytes: Uint8Array; controlBytes?: Uint8Array }> {
  const declared = Number(request.headers["content-length"]);
  const contentLength = Number.isSafeInteger(declared) && declared >= 0 ? declared : undefined;
  if (contentLength !== undefined && contentLength > bodyLimitBytes) throw tooLarge(bodyLimitBytes);
  let upload: JobUpload | undefined;
  let bytes: Uint8Array | undefined;
  let controlBytes: Uint8Array | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === "field" && part.fieldname === JOB_UPLOAD_PARTS.job) upload = parseInput(JobUploadSchema, jobField(part), JOB_UPLOAD_PARTS.job);
      else if (part.type === "file" && part.fieldname === JOB_UPLOAD_PARTS.image) bytes = await readFile(part, contentLength, bodyLimitBytes);
      // A second buffer of the whole body's length would double the cost: the depth map is read in chunks.
      else if (part.type === "file" && part.fieldname === JOB_UPLOAD_PARTS.controlImage) controlBytes = await readFile(part, undefined, bodyLimitBytes);
      else {
        if (part.type === "file") part.file.resume();
        throw new ValidationError(`Unexpected part "${part.fieldname.slice(0, 64)}". ${MISSING}`);
      }
    }
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === "FST_REQ_FILE_TOO_LARGE") throw tooLarge(bodyLimitBytes);
    const said = error instanceof Error ? error.message.slice(0, 200) : "unreadable";
    throw new ValidationError(`The upload could not be read (${said}). ${MISSING}`, { cause: error });
  }
  if (!upload || !bytes) throw new ValidationError(`${!upload ? `The field "${JOB_UPLOAD_PARTS.job}"` : `The file part "${JOB_UPLOAD_PARTS.image}"`} is missing. ${MISSING}`);
  return controlBytes ? { upload, bytes, controlBytes } : { upload, bytes };
}
