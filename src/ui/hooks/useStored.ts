import { useCallback, useEffect, useRef, useState } from "react";
import type { KeyValueStore } from "../host/types";

/**
 * State mirrored in clientStorage. `parse` turns whatever is stored (maybe from an older
 * version) into a valid value; `persist: false` keeps a value in memory only.
 */
export function useStored<T>(store: KeyValueStore, key: string, parse: (stored: unknown) => T, initial: T, persist = true) {
  const [value, setValue] = useState<T>(initial);
  const [loaded, setLoaded] = useState(false);
  const persistRef = useRef(persist);
  persistRef.current = persist;
  useEffect(() => {
    let live = true;
    store.getItem(key).then(
      (stored) => {
        if (live && stored !== undefined) setValue(parse(stored));
        if (live) setLoaded(true);
      },
      () => live && setLoaded(true),
    );
    return () => {
      live = false;
    };
    // `parse` is pure; the stored value is read once per key.
  }, [store, key]);
  const update = useCallback(
    (next: T | ((prev: T) => T)) => {
      setValue((prev) => {
        const resolved = typeof next === "function" ? (next as (p: T) => T)(prev) : next;
        if (persistRef.current) void store.setItem(key, resolved).catch(() => {});
        return resolved;
      });
    },
    [store, key],
  );
  return [value, update, loaded] as const;
}
