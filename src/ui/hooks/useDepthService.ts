import { useEffect, useState } from "react";
import type { DepthService } from "../depth-bridge";
import { urlProblem } from "../logic/backend-config";

export type DepthState = { service: DepthService; problem: null } | { service: undefined; problem: string };

/** One depth estimator per model URL; the previous one (and its worker) is disposed on change. */
export function useDepthService(factory: ((modelUrl: string) => DepthService) | undefined, modelUrl: string): DepthState {
  const [state, setState] = useState<DepthState>({ service: undefined, problem: "Starting the depth estimator…" });
  useEffect(() => {
    if (!factory) return setState({ service: undefined, problem: "In-panel depth estimation is not part of this build." });
    const bad = urlProblem(modelUrl, "The depth model web address");
    if (bad) return setState({ service: undefined, problem: bad });
    let next: DepthService;
    try {
      next = factory(modelUrl);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return setState({ service: undefined, problem: `The depth estimator could not start (${reason}). Reload the panel.` });
    }
    setState({ service: next, problem: null });
    return () => next.dispose();
  }, [factory, modelUrl]);
  return state;
}
