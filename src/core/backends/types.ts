import type { ResolvedSettings } from "../../shared/settings";

/** The image sent to a backend, already fitted to the model size and encoded. */
export interface GenerateInput {
  image: Uint8Array;
  mimeType: "image/jpeg" | "image/png";
  settings: ResolvedSettings;
  /** Ask for the depth map too (only the local gateway can answer it; the cloud path estimates in the panel). */
  wantDepth: boolean;
  /** A ready depth map (white = near) to guide the restyle instead of estimating one: the local gateway only. */
  controlImage?: { bytes: Uint8Array; mimeType: "image/jpeg" | "image/png" };
}

export type GenerateProgress =
  | { stage: "uploading" }
  | { stage: "queued"; position: number }
  | { stage: "waiting_rate_limit"; until: number }
  /** The worker is loading model weights (first run): minutes without a step are normal. */
  | { stage: "loading_models" }
  /** `preview`: the sampler's picture so far, when the worker sends one. */
  | { stage: "running"; step?: number; maxSteps?: number; preview?: EncodedImage }
  | { stage: "depth_ready" }
  | { stage: "downloading" };

export interface GenerateOptions {
  signal?: AbortSignal;
  onProgress?: (progress: GenerateProgress) => void;
}

export interface EncodedImage {
  bytes: Uint8Array;
  mimeType: string;
}

export interface Credits {
  remaining?: number;
  consumed?: number;
}

export interface GenerateResult {
  /** One image per sample. */
  images: EncodedImage[];
  depthMap?: EncodedImage;
  /** The seed actually used, so the result can be reproduced. */
  seed: number;
  credits?: Credits;
}

export interface ConnectionInfo {
  ok: true;
  /** Human-readable summary for the panel ("Segmind: 12.5 credits left", "2 GPU workers ready"). */
  summary: string;
  credits?: Credits;
}

/** A place that turns a request into images: Segmind's cloud or our local gateway. */
export interface Backend {
  readonly kind: "segmind" | "gateway";
  generate(input: GenerateInput, options?: GenerateOptions): Promise<GenerateResult>;
  testConnection(signal?: AbortSignal): Promise<ConnectionInfo>;
}
