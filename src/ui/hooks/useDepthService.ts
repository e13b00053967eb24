import { useEffect, useState } from "react";
import type { DepthService } from "../depth-bridge";
import { urlProblem } from "../logic/backend-config";

/** One depth estimator per model URL; the previous one (and its worker) is disposed on change. */
export function useDepthService(factory: ((modelUrl: string) => DepthService) | undefined, modelUrl: string): DepthService | undefined {
  const [service, setService] = useState<DepthService | undefined>(undefined);
  useEffect(() => {
    if (!factory || urlProblem(modelUrl, "Depth model URL") !== null) return setService(undefined);
    const next = factory(modelUrl);
    setService(next);
    return () => next.dispose();
  }, [factory, modelUrl]);
  return service;
}
