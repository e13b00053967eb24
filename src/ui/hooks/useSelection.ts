import { useCallback, useEffect, useState } from "react";
import { errorView, type ErrorView } from "../logic/error-messages";
import { SelectionInfoSchema, type SandboxApi, type SelectionInfo } from "../../shared/sandbox-api";
import type { SelectionFeed } from "../host/selection-feed";
import type { PanelHost } from "../host/types";

/** Connects to the document sandbox and follows the selection it pushes. */
export function useSelection(host: PanelHost, feed: SelectionFeed) {
  const [sandbox, setSandbox] = useState<SandboxApi | null>(null);
  const [selection, setSelection] = useState<SelectionInfo | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);

  const refresh = useCallback(async (api: SandboxApi) => {
    try {
      setSelection(SelectionInfoSchema.parse(await api.getSelection()));
      setError(null);
    } catch (e) {
      setError(errorView(e));
    }
  }, []);

  useEffect(() => {
    let live = true;
    host.sandbox().then(
      (api) => {
        if (!live) return;
        // The SDK's proxy is Comlink's callable Proxy: hand React a function returning it, or React would call it as an updater.
        setSandbox(() => api);
        void refresh(api);
      },
      (e: unknown) => live && setError(errorView(e)),
    );
    const off = feed.subscribe(setSelection);
    return () => {
      live = false;
      off();
    };
  }, [host, feed, refresh]);

  return { sandbox, selection, error, refresh: () => (sandbox ? refresh(sandbox) : Promise.resolve()) };
}
