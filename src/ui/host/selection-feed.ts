import { SelectionInfoSchema, type PanelApi, type SelectionInfo } from "../../shared/sandbox-api";

/** The PanelApi the sandbox calls, as a subscribable feed (exposeApi may be called only once, before React mounts). */
export interface SelectionFeed {
  readonly api: PanelApi;
  subscribe(listener: (selection: SelectionInfo) => void): () => void;
}

export function createSelectionFeed(onInvalid: (message: string) => void = () => {}): SelectionFeed {
  const listeners = new Set<(selection: SelectionInfo) => void>();
  return {
    api: {
      selectionChanged(selection: unknown) {
        const parsed = SelectionInfoSchema.safeParse(selection);
        if (!parsed.success) return onInvalid(parsed.error.message);
        for (const listener of listeners) listener(parsed.data);
      },
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
