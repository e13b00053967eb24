import { useCallback, useMemo } from "react";
import { DEFAULT_DEPTH_EDIT, DepthEditSchema, SLICE_LIMITS, SliceOptionsSchema, type DepthEdit, type SliceOptions } from "../../shared/depth-edit";
import { LayerInfoSchema, type LayerInfo } from "../../shared/sandbox-api";
import type { KeyValueStore } from "../host/types";
import { useStored } from "./useStored";

const DEFAULT_SLICES: SliceOptions = { count: SLICE_LIMITS.count.default, feather: SLICE_LIMITS.feather.default };
const parseEdit = (stored: unknown): DepthEdit => DepthEditSchema.safeParse(stored).data ?? DEFAULT_DEPTH_EDIT;
const parseSlices = (stored: unknown): SliceOptions => SliceOptionsSchema.safeParse(stored).data ?? DEFAULT_SLICES;
const parseLayer = (stored: unknown): LayerInfo | null => LayerInfoSchema.safeParse(stored).data ?? null;

/**
 * The depth editor's levels, gamma and smoothing, the slice options and the chosen depth-map layer,
 * kept across sessions. Invert stays in the form (it is also the depth layer's option), so `edit` merges it in.
 */
export function useDepthSettings(storage: KeyValueStore, invert: boolean, setInvert: (invert: boolean) => void) {
  const [stored, setStored] = useStored(storage, "depth-edit", parseEdit, DEFAULT_DEPTH_EDIT);
  const [slices, setSlices] = useStored(storage, "depth-slices", parseSlices, DEFAULT_SLICES);
  const [ownDepthLayer, setOwnDepthLayer] = useStored<LayerInfo | null>(storage, "own-depth-layer", parseLayer, null);
  const edit: DepthEdit = useMemo(() => ({ ...stored, invert }), [stored, invert]);
  const patchEdit = useCallback(
    (patch: Partial<DepthEdit>) => {
      if (patch.invert !== undefined) setInvert(patch.invert);
      setStored((e) => parseEdit({ ...e, ...patch, invert: false }));
    },
    [setInvert, setStored],
  );
  const reset = useCallback(() => {
    setStored(DEFAULT_DEPTH_EDIT);
    setInvert(false);
  }, [setInvert, setStored]);
  const patchSlices = useCallback((patch: Partial<SliceOptions>) => setSlices((s) => parseSlices({ ...s, ...patch })), [setSlices]);
  return { edit, patchEdit, reset, slices, patchSlices, ownDepthLayer, setOwnDepthLayer };
}
