/**
 * The fake's PromptExecutor: runs a validated prompt node by node in ComfyUI's order (the output
 * with the fewest pending dependencies first, inputs depth-first), sending `executing`,
 * `progress` and `executed` as execution.py does. Sampling takes `steps` ticks of `stepDelayMs`.
 */
import type { OutputCache } from "./cache";
import { decode, encodePng, grayscale, negate, previewFrame, resize, type Pixels } from "./images";
import type { ApiPrompt } from "./validate";

export class InterruptProcessing extends Error {}

interface Latent { width: number; height: number; sources: (Pixels | undefined)[] }
type Value = unknown;

export interface ExecHooks {
  promptId: string;
  send(type: string, data: Record<string, unknown>): void;
  sendBinary(frame: Buffer): void;
  readInput(name: string): Uint8Array | undefined;
  /** Stores an output file; answers its ui entry. */
  save(prefix: string, png: Buffer): { filename: string; subfolder: string; type: "output" };
  stepDelayMs(): number;
  interrupted(): boolean;
  /** Called before each sampling step (failure injection). */
  beforeStep(step: number): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function dependencies(prompt: ApiPrompt, id: string, done: Set<string>, seen = new Set<string>()): Set<string> {
  if (done.has(id) || seen.has(id)) return seen;
  seen.add(id);
  for (const v of Object.values(prompt[id]?.inputs ?? {})) if (Array.isArray(v)) dependencies(prompt, String(v[0]), done, seen);
  return seen;
}

export async function executePrompt(prompt: ApiPrompt, outputs: string[], hooks: ExecHooks, ui: Record<string, unknown>, cache: OutputCache): Promise<void> {
  const results = new Map<string, Value[]>();
  const executed = new Set<string>();
  const pending = [...outputs];
  while (pending.length) {
    pending.sort((a, b) => dependencies(prompt, a, executed).size - dependencies(prompt, b, executed).size || a.localeCompare(b));
    await run(pending.shift()!);
  }

  async function run(id: string): Promise<void> {
    if (executed.has(id)) return;
    const node = prompt[id]!;
    const key = cache.key(prompt, id, hooks.readInput);
    const hit = cache.get(key);
    if (hit) {
      results.set(id, hit.values);
      if (hit.ui) {
        ui[id] = hit.ui;
        hooks.send("executed", { node: id, display_node: id, output: hit.ui, prompt_id: hooks.promptId });
      }
      executed.add(id);
      return;
    }
    const args: Record<string, Value> = {};
    for (const [name, v] of Object.entries(node.inputs ?? {})) {
      if (Array.isArray(v)) {
        await run(String(v[0]));
        args[name] = results.get(String(v[0]))?.[Number(v[1])];
      } else args[name] = v;
    }
    hooks.send("executing", { node: id, display_node: id, prompt_id: hooks.promptId });
    try {
      if (hooks.interrupted()) throw new InterruptProcessing();
      const values = await evaluate(id, String(node.class_type), args);
      results.set(id, values);
      cache.set(key, { values, ui: ui[id] });
    } catch (error) {
      throw Object.assign(error instanceof Error ? error : new Error(String(error)), { nodeId: id });
    }
    executed.add(id);
  }

  async function evaluate(id: string, cls: string, a: Record<string, Value>): Promise<Value[]> {
    // main.py's progress hook: `progress`, then (recent versions) the whole-prompt `progress_state`.
    const progress = (value: number, max: number) => {
      hooks.send("progress", { value, max, prompt_id: hooks.promptId, node: id });
      const state = { value, max, state: "running", node_id: id, prompt_id: hooks.promptId, display_node_id: id, parent_node_id: null, real_node_id: id };
      hooks.send("progress_state", { prompt_id: hooks.promptId, nodes: { [id]: state } });
    };
    switch (cls) {
      case "CheckpointLoaderSimple": return [`MODEL(${String(a["ckpt_name"])})`, "CLIP", "VAE"];
      case "CLIPTextEncode": return [{ text: a["text"] }];
      case "ControlNetLoader": return [`CONTROL_NET(${String(a["control_net_name"])})`];
      case "LoadImage": {
        const bytes = hooks.readInput(String(a["image"]));
        if (!bytes) throw new Error(`[Errno 2] No such file or directory: 'input/${String(a["image"])}'`);
        return [[await decode(bytes)], "MASK"];
      }
      case "ImageScale": {
        const batch = a["image"] as Pixels[];
        return [await Promise.all(batch.map((p) => resize(p, Number(a["width"]), Number(a["height"]))))];
      }
      case "DepthAnythingV2Preprocessor":
      case "MiDaS-DepthMapPreprocessor": {
        const batch = (a["image"] as Pixels[]).map(grayscale);
        progress(batch.length, batch.length);
        return [batch];
      }
      case "ControlNetApplyAdvanced": {
        const control = (a["image"] as Pixels[])[0];
        return [{ ...(a["positive"] as object), control }, { ...(a["negative"] as object), control }];
      }
      case "EmptyLatentImage":
        return [{ width: Number(a["width"]), height: Number(a["height"]), sources: Array.from({ length: Number(a["batch_size"]) }, () => undefined) } satisfies Latent];
      case "VAEEncode": {
        const batch = a["pixels"] as Pixels[];
        return [{ width: batch[0]!.width, height: batch[0]!.height, sources: batch } satisfies Latent];
      }
      case "RepeatLatentBatch": {
        const l = a["samples"] as Latent;
        return [{ ...l, sources: Array.from({ length: Number(a["amount"]) }, () => l.sources).flat() } satisfies Latent];
      }
      case "KSampler": {
        const latent = a["latent_image"] as Latent;
        const control = (a["positive"] as { control?: Pixels }).control;
        // samplers.py: denoise 0 leaves no sigmas, so the latent comes back untouched and unsampled.
        const denoise = Number(a["denoise"] ?? 1);
        const steps = denoise > 0 ? Number(a["steps"]) : 0;
        const preview = control ? await previewFrame(control) : undefined;
        for (let step = 1; step <= steps; step++) {
          await hooks.beforeStep(step);
          await sleep(hooks.stepDelayMs());
          if (hooks.interrupted()) throw new InterruptProcessing();
          if (preview) hooks.sendBinary(preview);
          progress(step, steps);
        }
        const sources = await Promise.all(latent.sources.map(async (s) => resize(s ?? control!, latent.width, latent.height)));
        return [{ ...latent, sources: denoise > 0 ? sources.map(negate) : sources } satisfies Latent];
      }
      case "VAEDecode": return [(a["samples"] as Latent).sources];
      case "SaveImage": {
        const images = [];
        for (const p of a["images"] as Pixels[]) images.push(hooks.save(String(a["filename_prefix"]), await encodePng(p)));
        ui[id] = { images };
        hooks.send("executed", { node: id, display_node: id, output: { images }, prompt_id: hooks.promptId });
        return [];
      }
      default: throw new Error(`fake ComfyUI cannot run ${cls}`);
    }
  }
}
