import type { Backend, GenerateProgress } from "../../core/backends/types";
import type { ErrorPayload } from "../../core/errors";
import type { Size } from "../../core/geometry";
import type { SandboxApi } from "../../shared/sandbox-api";
import type { HistoryStore } from "../history/types";
import type { RenderIntent } from "../host/types";
import type { Encoded, ImageOps } from "../image/types";

/** Estimates a depth map of the model input in the panel (the cloud path has no depth output). */
export type EstimateDepth = (
  input: Encoded,
  options: { size: Size; invert: boolean; signal?: AbortSignal; onProgress?: (p: DepthStage) => void },
) => Promise<Blob>;
export type DepthStage = { stage: "download"; loaded: number; total?: number } | { stage: "inference" };

export interface PipelineDeps {
  sandbox: SandboxApi;
  /** A PNG rendition of the current page (createRenditions in Express), left undecoded for the image worker. */
  renderPage: (intent: RenderIntent) => Promise<Blob>;
  /** The experimental build reads each layer with the per-node rendition instead. */
  nodeRenditions?: boolean;
  images: ImageOps;
  history: HistoryStore;
  /** Unset until the in-panel estimator is part of the build. */
  estimateDepth?: EstimateDepth;
  now: () => number;
  newId: () => string;
  random: () => number;
}

export type RowStatus = "queued" | "preparing" | "uploading" | "queued_remote" | "waiting_rate_limit" | "running" | "depth" | "downloading" | "saving" | "inserting" | "done" | "failed" | "cancelled";

/** One line of the job list: a layer (or a sweep cell) on its way through the pipeline. */
export interface RowState {
  id: string;
  label: string;
  status: RowStatus;
  /** Determinate progress when the backend reports steps. */
  step?: number;
  maxSteps?: number;
  /** Epoch ms when a rate-limit wait ends. */
  until?: number;
  position?: number;
  seed?: number;
  historyIds: string[];
  error?: ErrorPayload;
}

export type RowUpdate = (patch: Partial<RowState>) => void;

/** Maps backend progress onto the row. */
export function progressPatch(p: GenerateProgress): Partial<RowState> {
  switch (p.stage) {
    case "uploading":
      return { status: "uploading" };
    case "queued":
      return { status: "queued_remote", position: p.position };
    case "waiting_rate_limit":
      return { status: "waiting_rate_limit", until: p.until };
    case "running":
      return { status: "running", step: p.step, maxSteps: p.maxSteps };
    case "depth_ready":
      return { status: "running" };
    case "downloading":
      return { status: "downloading", step: undefined, maxSteps: undefined };
  }
}

export type { Backend };
