/**
 * The CLI's depth model: a local file, or a URL downloaded once into the user's cache folder
 * ($XDG_CACHE_HOME/depth-restyle, else ~/.cache/depth-restyle) with a progress bar. Each cached
 * file keeps its SHA-256 beside it and is checked on every use; a given --sha256 must match the
 * download. A model is only cached after onnxruntime opened it, so a bad file is never kept.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, join } from "node:path";
import { downloadModel, type DownloadProgress } from "../core/depth/download";
import { DepthModelError, ValidationError } from "../core/errors";
import type { ModelChoice } from "./depth-args";

export interface ModelDeps {
  env: Readonly<Record<string, string | undefined>>;
  fetch: (url: string) => Promise<Response>;
  stderr: (text: string) => void;
}

export interface LoadedModel<S> {
  session: S;
  /** Where the bytes came from, for the user: a path, "cache: …" or "downloaded: …". */
  from: string;
}

const isUrl = (spec: string) => /^https?:\/\//i.test(spec);
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const code = (error: unknown) => (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));

export function cacheDir(env: ModelDeps["env"]): string {
  const base = env.XDG_CACHE_HOME?.trim() || join(env.HOME?.trim() || homedir(), ".cache");
  return join(base, "depth-restyle", "models");
}

/** One file per URL: a hash of the URL (different commits never collide) plus its file name. */
export function cachedPath(env: ModelDeps["env"], url: string): string {
  const name = basename(new URL(url).pathname).replace(/[^\w.-]/g, "_") || "model.onnx";
  return join(cacheDir(env), `${sha256(new TextEncoder().encode(url)).slice(0, 16)}-${name}`);
}

const MB = 1024 * 1024;
const mb = (bytes: number) => (bytes / MB).toFixed(1);

/** A one-line bar redrawn in place (\r), at most once per percent; ends with a newline. */
export function progressBar(write: (text: string) => void, label: string): { update(p: DownloadProgress): void; end(): void } {
  let shown = -1;
  let drawn = false;
  return {
    update({ loaded, total }) {
      const step = total ? Math.floor((loaded / total) * 100) : Math.floor(loaded / MB);
      if (step === shown) return;
      shown = step;
      drawn = true;
      if (!total) return write(`\r${label} ${mb(loaded)} MB`);
      const filled = Math.round((loaded / total) * 24);
      write(`\r${label} [${"#".repeat(filled)}${".".repeat(24 - filled)}] ${String(step).padStart(3)}% ${mb(loaded)}/${mb(total)} MB`);
    },
    end: () => drawn && write("\n"),
  };
}

async function readCached(path: string, expected: string | undefined): Promise<Uint8Array | undefined> {
  let bytes: Uint8Array;
  let recorded: string;
  try {
    [bytes, recorded] = await Promise.all([readFile(path), readFile(`${path}.sha256`, "utf8")]);
  } catch {
    return undefined;
  }
  const actual = sha256(bytes);
  if (actual === recorded.trim() && (expected === undefined || actual === expected)) return bytes;
  await rm(path, { force: true });
  await rm(`${path}.sha256`, { force: true });
  return undefined;
}

async function store(path: string, bytes: Uint8Array, digest: string): Promise<void> {
  const dir = join(path, "..");
  try {
    await mkdir(dir, { recursive: true });
    const temp = `${path}.${process.pid}.part`;
    await writeFile(temp, bytes);
    await writeFile(`${path}.sha256`, `${digest}\n`);
    await rename(temp, path);
  } catch (error) {
    throw new ValidationError(`Cannot write the model cache in ${dir} (${code(error)}). Set XDG_CACHE_HOME to a writable folder.`, { cause: error });
  }
}

/** Opens the chosen model with `open`; downloads and caches a URL on first use. */
export async function loadDepthModel<S>(choice: ModelChoice, deps: ModelDeps, open: (bytes: Uint8Array) => Promise<S>): Promise<LoadedModel<S>> {
  const opened = async (bytes: Uint8Array, where: string): Promise<S> => {
    try {
      return await open(bytes);
    } catch (error) {
      const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
      throw new DepthModelError(`${where} is not a usable ONNX depth model (${why}). Give --model an ONNX depth model with a [1,3,H,W] input, e.g. Depth Anything or MiDaS.`, { cause: error });
    }
  };
  if (!isUrl(choice.spec)) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(choice.spec);
    } catch (error) {
      throw new ValidationError(`Cannot read --model ${choice.spec} (${code(error)}). Check the path, or give an http(s) URL.`, { cause: error });
    }
    if (choice.sha256 && sha256(bytes) !== choice.sha256) throw new DepthModelError(`The model file ${choice.spec} has SHA-256 ${sha256(bytes)}, not the expected ${choice.sha256}. Check the file or --sha256.`);
    return { session: await opened(bytes, `The file ${choice.spec}`), from: choice.spec };
  }
  const path = cachedPath(deps.env, choice.spec);
  const cached = await readCached(path, choice.sha256);
  if (cached) return { session: await opened(cached, `The cached model ${path}`), from: `cache: ${path}` };

  const bar = progressBar(deps.stderr, "Downloading the depth model (once)");
  let bytes: Uint8Array;
  try {
    bytes = await downloadModel(choice.spec, deps.fetch, bar.update, "Check --model or your connection.");
  } finally {
    bar.end();
  }
  const digest = sha256(bytes);
  if (choice.sha256 && digest !== choice.sha256)
    throw new DepthModelError(`The model downloaded from ${choice.spec} has SHA-256 ${digest}, not the expected ${choice.sha256}; it was not kept. Check the URL or --sha256.`);
  const session = await opened(bytes, `The file at ${choice.spec}`);
  await store(path, bytes, digest);
  return { session, from: `downloaded: ${path}` };
}
