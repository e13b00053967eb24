/** What the browser side of bench/panel.bench.ts returns (browser/prep-bench.ts). */
export interface PhaseResult {
  ms: number[];
  wireBytes: number;
  longTasks: number;
  longTaskMs: number;
}

export interface PrepBenchResult {
  side: number;
  modelSize: { width: number; height: number };
  panel: PhaseResult;
  naive: PhaseResult;
  /** Only the crop both paths start with (createImageBitmap of the 4096² layer), for reference. */
  crop: PhaseResult;
}
