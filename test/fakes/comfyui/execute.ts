/**
 * The fake's PromptExecutor: runs a validated prompt node by node in ComfyUI's order (the output
 * with the fewest pending dependencies first, inputs depth-first), sending `executing`,
 * `progress` and `executed` as execution.py does. Sampling takes `steps` ticks of `stepDelayMs`.
 */
import type { OutputCache } from "./cache";
import { decodeFrames, encodePng, grayscale, negate, previewFrame, resize, type Pixels } from "./images";
import type { NodeDef } from "./object-info";
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
  /** How long an uncached loader reads its weights, silently. */
  loadingDelayMs(): number;
  /** An older ComfyUI build (see FakeComfyBehaviour.older). */
  older(): boolean;
  defs(): Record<string, NodeDef>;
  /** A frame to every socket (custom nodes' own message types, e.g. a system monitor). */
  broadcast(type: string, data: Record<string, unknown>): void;
  interrupted(): boolean;
  /** Called before each sampling step (failure injection). */
  beforeStep(step: number): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** numpy's np.round: halves go to the even neighbour. */
const roundHalfEven = (x: number): number => {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
};

/**
 * comfyui_controlnet_aux util.py resize_image_with_pad + remove_pad: the map comes back with its
 * short side = `resolution` (512 when missing or below 64, as common_annotator_call does), the long
 * side scaled by the same factor — not at the input's size.
 */
export function preprocessorSize(width: number, height: number, resolution: unknown): { width: number; height: number } {
  const res = typeof resolution === "number" && Number.isInteger(resolution) && resolution >= 64 ? resolution : 512;
  const k = res / Math.min(width, height);
  return { width: roundHalfEven(width * k), height: roundHalfEven(height * k) };
}

const LOADERS = new Set(["CheckpointLoaderSimple", "ControlNetLoader", "DepthAnythingV2Preprocessor", "MiDaS-DepthMapPreprocessor"]);

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
      const def = hooks.defs()[String(node.class_type)];
      // execution.get_input_data passes every linked input, declared or not: the node's function rejects an unknown one.
      const undeclared = Object.entries(node.inputs ?? {}).find(([name, v]) => Array.isArray(v) && def && !(name in def.required) && !(name in (def.optional ?? {})));
      if (undeclared) throw Object.assign(new Error(`${String(node.class_type)}.run() got an unexpected keyword argument '${undeclared[0]}'`), { name: "TypeError" });
      if (LOADERS.has(String(node.class_type)) && hooks.loadingDelayMs() > 0) await sleep(hooks.loadingDelayMs());
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
        // nodes.py: every frame (ImageSequence), each through ImageOps.exif_transpose, as one batch.
        const bytes = hooks.readInput(String(a["image"]));
        if (!bytes) throw new Error(`[Errno 2] No such file or directory: 'input/${String(a["image"])}'`);
        return [await decodeFrames(bytes), "MASK"];
      }
      case "ImageScale": {
        const batch = a["image"] as Pixels[];
        return [await Promise.all(batch.map((p) => resize(p, Number(a["width"]), Number(a["height"]))))];
      }
      case "DepthAnythingV2Preprocessor":
      case "MiDaS-DepthMapPreprocessor": {
        const batch = await Promise.all(
          (a["image"] as Pixels[]).map(async (p) => {
            const size = preprocessorSize(p.width, p.height, a["resolution"]);
            return grayscale(await resize(p, size.width, size.height));
          }),
        );
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
        // samplers.py: denoise 0 leaves no sigmas, so the latent comes back untouched and unsampled;
        // older builds computed int(steps / denoise) first.
        const denoise = Number(a["denoise"] ?? 1);
        if (denoise <= 0 && hooks.older()) throw Object.assign(new Error("float division by zero"), { name: "ZeroDivisionError" });
        const steps = denoise > 0 ? Number(a["steps"]) : 0;
        const preview = control ? await previewFrame(control) : undefined;
        for (let step = 1; step <= steps; step++) {
          await hooks.beforeStep(step);
          await sleep(hooks.stepDelayMs());
          if (hooks.interrupted()) throw new InterruptProcessing();
          progress(step, steps);
          // main.py's hook sends the step, then the latent preview as a binary frame.
          if (preview) hooks.sendBinary(preview);
          // A custom node's own broadcast (crystools-style monitor): a type clients must ignore.
          hooks.broadcast("crystools.monitor", { cpu_utilization: 12.5, ram_used_percent: 41.2, gpus: [{ gpu_utilization: 98 }] });
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
