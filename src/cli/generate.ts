/** `depth-restyle generate`: one image through Segmind SSD-1B Depth, from the command line. */
import { readFile } from "node:fs/promises";
import { createGatewayBackend } from "../core/backends/gateway";
import { createSegmindBackend } from "../core/backends/segmind";
import type { Backend, GenerateProgress } from "../core/backends/types";
import { AuthError, ValidationError } from "../core/errors";
import { resolveSeed } from "../shared/settings";
import { command } from "./args";
import { GENERATE_HELP, parseGenerateArgs } from "./generate-args";
import { encodeResult, outputPaths, prepareRequestImage } from "./image-io";
import { checkOutputs, writeAll } from "./output-files";
import type { CliIo } from "./io";

async function readInput(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new ValidationError(`Cannot read --input ${path} (${(error as { code?: string }).code ?? String(error)}). Check the path.`);
  }
}

function progressLine(io: CliIo) {
  return (progress: GenerateProgress) => {
    if (progress.stage !== "waiting_rate_limit") return;
    const seconds = Math.max(0, Math.ceil((progress.until - Date.now()) / 1000));
    io.stderr(`Waiting for Segmind's rate limit until ${new Date(progress.until).toISOString().slice(11, 19)} UTC (${seconds} s)…\n`);
  };
}

/** The gateway's job API (--gateway) takes the image as a binary upload; anything else gets Segmind's JSON API (Segmind itself, or a proxy). */
function chooseBackend(options: { apiKey: string; baseUrl: string; timeoutMs: number; gateway: boolean }): { backend: Backend; via: string } {
  if (options.gateway)
    return { backend: createGatewayBackend({ baseUrl: options.baseUrl, token: options.apiKey, timeoutMs: options.timeoutMs }), via: `the job API of the gateway at ${options.baseUrl}` };
  return { backend: createSegmindBackend(options), via: options.baseUrl };
}

export const run = command("generate", GENERATE_HELP, parseGenerateArgs, async (args, io) => {
  const apiKey = io.env.SEGMIND_API_KEY?.trim();
  if (!apiKey) throw new AuthError("SEGMIND_API_KEY is not set. Copy a key from your Segmind console (API Keys) and run: export SEGMIND_API_KEY=…");

  const paths = outputPaths(args.out, args.settings.samples);
  await checkOutputs(args.input, paths);
  const prepared = await prepareRequestImage(await readInput(args.input));
  const settings = resolveSeed(args.settings);
  const { backend, via } = chooseBackend({ apiKey, baseUrl: args.baseUrl, timeoutMs: args.timeoutMs, gateway: args.gateway });
  io.stderr(`Sending ${prepared.model.width}×${prepared.model.height} (from ${prepared.original.width}×${prepared.original.height}) to ${via}…\n`);
  const result = await backend.generate(
    { image: prepared.bytes, mimeType: "image/jpeg", settings, wantDepth: false },
    { signal: io.signal, onProgress: progressLine(io) },
  );

  const written = outputPaths(args.out, result.images.length);
  const files = [];
  for (const [i, image] of result.images.entries()) files.push({ path: written[i] as string, bytes: await encodeResult(image.bytes, prepared.original, written[i] as string, i) });
  await writeAll(files);
  for (const file of files) io.stdout(`Wrote ${file.path} (${prepared.original.width}×${prepared.original.height})\n`);
  io.stdout(`Seed: ${result.seed}\n`);
  const { consumed, remaining } = result.credits ?? {};
  io.stdout(`Credits: ${consumed === undefined ? "used unknown" : `used ${consumed}`}, ${remaining === undefined ? "remaining unknown" : `remaining ${remaining}`}\n`);
});
