import { useCallback, useState } from "react";
import type { Credits } from "../../core/backends/types";
import { makeBackend, withCredits } from "../backend";
import type { KeyValueStore } from "../host/types";
import { backendProblem, type BackendConfig, type Secrets } from "../logic/backend-config";
import type { ErrorView } from "../logic/error-messages";
import { useBackendSettings } from "./useBackendSettings";

/** The last connection test; `credits` is the balance it reported, so a later, different balance can show as news. */
export type ConnectionState = { state: "idle" } | { state: "testing" } | { state: "ok"; summary: string; credits: string | null } | { state: "failed"; error: ErrorView };

/** Where images are made: the stored choice, the backend built from it, its connection test and credits. */
export function useGenerator(store: KeyValueStore, fetchImpl: typeof fetch, locale: string, view: (error: unknown) => ErrorView) {
  const settings = useBackendSettings(store);
  const { config, secrets } = settings;
  const [connection, setConnection] = useState<ConnectionState>({ state: "idle" });
  const [credits, setCredits] = useState<string | null>(null);

  const formatCredits = useCallback((c: Credits | undefined) => (c?.remaining !== undefined ? new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(c.remaining) : null), [locale]);
  const backend = useCallback(() => withCredits(makeBackend(config, secrets, fetchImpl), (c) => setCredits(formatCredits(c))), [config, secrets, fetchImpl, formatCredits]);

  const testConnection = async () => {
    setConnection({ state: "testing" });
    try {
      const info = await backend().testConnection();
      setConnection({ state: "ok", summary: info.summary, credits: formatCredits(info.credits) });
    } catch (e) {
      setConnection({ state: "failed", error: view(e) });
    }
  };
  // A changed key, address or generator makes the last connection test say nothing about it.
  const updateConfig = (patch: Partial<BackendConfig>) => {
    settings.updateConfig(patch);
    setConnection({ state: "idle" });
  };
  const updateSecrets = (patch: Partial<Secrets>) => {
    settings.updateSecrets(patch);
    setConnection({ state: "idle" });
  };
  const forget = () => {
    settings.forget();
    setConnection({ state: "idle" });
    setCredits(null);
  };

  return {
    config,
    secrets,
    loaded: settings.loaded,
    /** Why the chosen generator cannot be used yet, or null. */
    problem: backendProblem(config, secrets),
    backend,
    connection,
    credits,
    testConnection: () => void testConnection(),
    updateConfig,
    updateSecrets,
    forget,
  };
}
