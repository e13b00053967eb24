import { useCallback, useEffect, useState } from "react";
import type { KeyValueStore } from "../host/types";
import { BackendConfigSchema, DEFAULT_BACKEND_CONFIG, NO_SECRETS, SecretsSchema, type BackendConfig, type Secrets } from "../logic/backend-config";

export const CONFIG_KEY = "backend-config";
/** Written only while the user has ticked "remember"; clientStorage is not secret. */
export const SECRETS_KEY = "backend-secrets";

export function useBackendSettings(store: KeyValueStore) {
  const [config, setConfig] = useState<BackendConfig>(DEFAULT_BACKEND_CONFIG);
  const [secrets, setSecrets] = useState<Secrets>(NO_SECRETS);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    let live = true;
    void Promise.all([store.getItem(CONFIG_KEY), store.getItem(SECRETS_KEY)]).then(([c, s]) => {
      if (!live) return;
      if (c !== undefined) setConfig(BackendConfigSchema.parse(c));
      if (s !== undefined) setSecrets(SecretsSchema.parse(s));
      setLoaded(true);
    });
    return () => {
      live = false;
    };
  }, [store]);

  const updateConfig = useCallback(
    (patch: Partial<BackendConfig>) => {
      const next = { ...config, ...patch };
      setConfig(next);
      void store.setItem(CONFIG_KEY, next);
      if (next.remember) void store.setItem(SECRETS_KEY, secrets);
      else if (config.remember) void store.removeItem(SECRETS_KEY);
    },
    [store, config, secrets],
  );

  const updateSecrets = useCallback(
    (patch: Partial<Secrets>) => {
      const next = { ...secrets, ...patch };
      setSecrets(next);
      if (config.remember) void store.setItem(SECRETS_KEY, next);
    },
    [store, config, secrets],
  );

  const forget = useCallback(() => {
    setSecrets(NO_SECRETS);
    void store.removeItem(SECRETS_KEY);
  }, [store]);

  return { config, secrets, loaded, updateConfig, updateSecrets, forget };
}
