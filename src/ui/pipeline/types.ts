import type { Backend, GenerateProgress } from "../../core/backends/types";
import type { ErrorPayload } from "../../core/errors";
import type { Size } from "../../core/geometry";
import type { CompositionScore } from "../../core/depth/score";
import { DEFAULT_DEPTH_EDIT, type DepthEdit, type SliceOptions } from "../../shared/depth-edit";
import type { SandboxApi } from "../../shared/sandbox-api";
import type { HistoryStore } from "../history/types";
import type { RenderIntent } from "../host/types";
import type { Encoded, ImageOps } from "../image/types";

/** Estimates a depth map of the model input in the panel (the cloud path has no depth output). */
export type EstimateDepth = (
  input: Encoded,
  options: { size: Size; edit: DepthEdit; signal?: AbortSignal; onProgress?: (p: DepthStage) => void },
) => Promise<Blob>;
/** Cuts `layer` (PNG with alpha, the layer's own pixels) into RGBA PNG slices by the depth of `input`, nearest first. */
export type SliceDepth = (
  input: Encoded,
  layer: Encoded,
  options: { edit: DepthEdit; slices: SliceOptions; keep: number; signal?: AbortSignal; onProgress?: (p: DepthStage) => void },
) => Promise<Blob[]>;
/** Composition score of a result against its source (both encoded images). */
export type ScoreComposition = (source: Encoded, result: Encoded, signal?: AbortSignal) => Promise<CompositionScore>;
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
  sliceDepth?: SliceDepth;
  scoreComposition?: ScoreComposition;
  /** How depth maps are edited before they become layers, slices or a control image. */
  depthEdit?: DepthEdit;
  now: () => number;
  newId: () => string;
  random: () => number;
}

export type RowStatus = "queued" | "preparing" | "uploading" | "queued_remote" | "waiting_rate_limit" | "loading_models" | "running" | "depth" | "downloading" | "saving" | "inserting" | "scoring" | "done" | "failed" | "cancelled";

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
  /** The sampler's latest preview while it runs (local GPU gateway). */
  preview?: Blob;
  /** Epoch ms when this row's work began and ended, for the elapsed time. */
  startedAt?: number;
  endedAt?: number;
  /** A restyle row (depth layers and slices have no strength to show). */
  restyle?: boolean;
  /** The strength the request used (undefined: the model's default). */
  strength?: number;
  /** A small picture of the source, once the layer has been read. */
  source?: Blob;
  historyIds: string[];
  /** Composition score of each result (same order as historyIds), once measured. */
  scores?: CompositionScore[];
  error?: ErrorPayload;
}

/** The edit a depth map gets: the editor's levels, gamma and smoothing, with the depth-layer options' invert. */
export const depthEditFor = (deps: Pick<PipelineDeps, "depthEdit">, invert: boolean): DepthEdit => ({ ...(deps.depthEdit ?? DEFAULT_DEPTH_EDIT), invert });

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
    case "loading_models":
      return { status: "loading_models" };
    case "running":
      return { status: "running", step: p.step, maxSteps: p.maxSteps, ...(p.preview ? { preview: new Blob([new Uint8Array(p.preview.bytes)], { type: p.preview.mimeType }) } : {}) };
    case "depth_ready":
      return { status: "running" };
    case "downloading":
      return { status: "downloading", step: undefined, maxSteps: undefined, preview: undefined };
  }
}

export type { Backend };
