import { useEffect, useRef, useState } from "react";
import { errorView } from "../logic/error-messages";
import type { DepthThumb } from "../pipeline/preview";

/** "off" until the user asks for a preview: it needs the depth model, a download on first use. */
export type PreviewState = { state: "off" } | { state: "idle" } | { state: "loading" } | { state: "ready"; thumb: DepthThumb } | { state: "failed"; message: string };

/**
 * Estimates the thumbnail depth whenever `key` (the layer and where it is) or `estimator` (a new
 * model) changes, after a short pause; the previous run is aborted.
 */
export function useDepthPreview(run: ((signal: AbortSignal) => Promise<DepthThumb>) | null, key: string | null, estimator: object | undefined): PreviewState {
  const [preview, setPreview] = useState<PreviewState>({ state: "idle" });
  const latest = useRef(run);
  latest.current = run;
  const ready = run !== null;
  // The layer and the estimator decide when to estimate again; `run` is read when that happens.
  useEffect(() => {
    const task = latest.current;
    if (!task || key === null) return setPreview({ state: "idle" });
    const controller = new AbortController();
    setPreview({ state: "loading" });
    const timer = setTimeout(() => {
      task(controller.signal).then(
        (thumb) => !controller.signal.aborted && setPreview({ state: "ready", thumb }),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          const view = errorView(error);
          setPreview({ state: "failed", message: `${view.title}: ${view.detail}` });
        },
      );
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, ready, estimator]);
  return preview;
}
