/** Behaviour, failures and handle of the fake ComfyUI (see ../comfyui-server.ts). */
export type FakeComfyFailure = "die" | "dropSocket" | "executionError" | "http500" | "hang";

export interface FakeComfyBehaviour {
  stepDelayMs: number;
  checkpoints: string[];
  controlnets: string[];
  /** Node classes to leave out of /object_info (and reject as missing_node_type). */
  missingNodes: string[];
  /** false: refuse /ws upgrades, so clients must poll /history. */
  websocket: boolean;
  /** true: accept /ws but deliver no execution frames (a half-open or filtering proxy). */
  silentSocket: boolean;
  /** Reuse unchanged nodes' outputs across prompts, as ComfyUI does unless --cache-none. */
  cache: boolean;
  comfyuiVersion: string;
  /**
   * An older ComfyUI build (2023–early 2024): ControlNetApplyAdvanced has no `vae` input, KSampler
   * lists no `ipndm` (or other later samplers), denoise 0 raises ZeroDivisionError, and
   * POST /interrupt ignores `prompt_id`, stopping whatever runs.
   */
  older: boolean;
  /** A loader that is not cached (checkpoint, ControlNet, depth preprocessor) reads its weights this long, sending nothing. */
  loadingDelayMs: number;
  devices: { name: string; vram_total: number; vram_free: number }[];
}

export interface FakeComfy {
  url: string;
  prompts: { promptId: string; clientId?: string; number: number; prompt: Record<string, { class_type: string; inputs: Record<string, unknown> }> }[];
  rejected: unknown[];
  uploads: { name: string; subfolder: string; type: string; bytes: Uint8Array }[];
  deletes: string[];
  interrupts: Record<string, unknown>[];
  /** Websocket connections accepted, in order (clientId). */
  connections: string[];
  /** The extensions each accepted websocket negotiated (Sec-WebSocket-Extensions), in order. */
  extensions: string[];
  set(behaviour: Partial<FakeComfyBehaviour>): void;
  failNext(failure: FakeComfyFailure): void;
  queue(): { running: string[]; pending: string[] };
  close(): Promise<void>;
}

export const FAKE_COMFY_DEFAULTS: FakeComfyBehaviour = {
  stepDelayMs: 2,
  checkpoints: ["SSD-1B.safetensors", "sd_xl_base_1.0.safetensors"],
  controlnets: ["controlnet-depth-sdxl-1.0.safetensors"],
  missingNodes: [],
  websocket: true,
  silentSocket: false,
  cache: true,
  comfyuiVersion: "v0.3.40",
  older: false,
  loadingDelayMs: 0,
  devices: [{ name: "cuda:0 NVIDIA GeForce RTX 4090 : cudaMallocAsync", vram_total: 25393692672, vram_free: 23150540800 }],
};
