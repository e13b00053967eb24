/**
 * `depth-restyle depth` and `depth-restyle slices`: the panel's depth estimate (same pre- and
 * post-processing from src/core/depth) on onnxruntime-node, written as PNGs at the input's size.
 */
import { mkdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as ort from "onnxruntime-node";
import sharp from "sharp";
import { estimateDepth } from "../core/depth/estimate";
import { openDepthSession, type DepthSession } from "../core/depth/ort-session";
import { encodeGrayPng, encodeRgbaPng } from "../core/depth/png";
import type { RgbaImage } from "../core/depth/preprocess";
import { sliceByDepth } from "../core/depth/slices";
import { ValidationError } from "../core/errors";
import { percentOfLongSide } from "../shared/depth-edit";
import { command } from "./args";
import { DEPTH_HELP, SLICES_HELP, parseDepthArgs, parseSlicesArgs, type ModelChoice } from "./depth-args";
import { loadDepthModel } from "./depth-model";
import type { CliIo } from "./io";

const code = (error: unknown) => (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));

/** The input as straight RGBA at its displayed size (EXIF orientation applied). */
async function readRgba(path: string): Promise<RgbaImage> {
  try {
    await stat(path);
  } catch (error) {
    throw new ValidationError(`Cannot read --input ${path} (${code(error)}). Check the path.`, { cause: error });
  }
  try {
    const { data, info } = await sharp(path).autoOrient().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length) };
  } catch (error) {
    throw new ValidationError(`--input ${path} is not an image sharp can read (${error instanceof Error ? error.message : String(error)}). Use a PNG, JPEG or WebP file.`, { cause: error });
  }
}

async function write(path: string, bytes: Uint8Array, flag: string): Promise<void> {
  try {
    await writeFile(path, bytes);
  } catch (error) {
    throw new ValidationError(`Cannot write ${flag} ${path} (${code(error)}). Check that the folder exists and is writable.`, { cause: error });
  }
}

async function withModel<T>(choice: ModelChoice, io: CliIo, task: (session: DepthSession) => Promise<T>): Promise<T> {
  const { session, from } = await loadDepthModel(choice, { env: io.env, fetch: (url) => fetch(url, { signal: io.signal }), stderr: io.stderr }, (bytes) => openDepthSession(ort, bytes, ["cpu"]));
  io.stderr(`Depth model: ${from}\n`);
  try {
    return await task(session);
  } finally {
    await session.release();
  }
}

export const runDepth = command("depth", DEPTH_HELP, parseDepthArgs, async (args, io) => {
  const image = await readRgba(args.input);
  const size = { width: image.width, height: image.height };
  const gray = await withModel(args.model, io, (session) => estimateDepth(session, image, { size, edit: args.edit }));
  await write(args.out, await encodeGrayPng(gray, size), "--out");
  io.stdout(`Wrote ${args.out} (${size.width}×${size.height}, white = ${args.edit.invert ? "far" : "near"})\n`);
});

export const runSlices = command("slices", SLICES_HELP, parseSlicesArgs, async (args, io) => {
  const image = await readRgba(args.input);
  const size = { width: image.width, height: image.height };
  try {
    await mkdir(args.outDir, { recursive: true });
  } catch (error) {
    throw new ValidationError(`Cannot create --out-dir ${args.outDir} (${code(error)}). Choose a folder you can write to.`, { cause: error });
  }
  // Slices follow true nearness, as in the panel: --invert only changes how a depth map looks.
  const gray = await withModel(args.model, io, (session) => estimateDepth(session, image, { size, edit: { ...args.edit, invert: false } }));
  const slices = sliceByDepth(image, gray, args.slices.count, percentOfLongSide(args.slices.feather, size));
  for (const [i, slice] of slices.entries()) {
    const path = join(args.outDir, `slice-${i + 1}.png`);
    await write(path, await encodeRgbaPng(slice.data, size), "--out-dir");
    io.stdout(`Wrote ${path} (${i === 0 ? "nearest" : i === slices.length - 1 ? "farthest" : `band ${i + 1}`})\n`);
  }
});
