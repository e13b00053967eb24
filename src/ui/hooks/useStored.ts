import { useCallback, useEffect, useRef, useState } from "react";
import type { KeyValueStore } from "../host/types";

/** Typing in the prompt should not send one clientStorage write per key stroke to the host. */
const WRITE_DELAY_MS = 400;

/**
 * State mirrored in clientStorage. `parse` turns whatever is stored (maybe from an older
 * version) into a valid value. Writes are debounced and flushed when the panel goes away.
 */
export function useStored<T>(store: KeyValueStore, key: string, parse: (stored: unknown) => T, initial: T) {
  const [value, setValue] = useState<T>(initial);
  const [loaded, setLoaded] = useState(false);
  const pending = useRef<{ value: T } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const next = pending.current;
    pending.current = null;
    if (next) void store.setItem(key, next.value).catch(() => {});
  }, [store, key]);

  useEffect(() => {
    let live = true;
    store.getItem(key).then(
      (stored) => {
        // A change the user made before the stored value arrived wins.
        if (live && stored !== undefined && !pending.current) setValue(parse(stored));
        if (live) setLoaded(true);
      },
      () => live && setLoaded(true),
    );
    window.addEventListener("pagehide", flush);
    return () => {
      live = false;
      window.removeEventListener("pagehide", flush);
      flush();
    };
    // `parse` is pure; the stored value is read once per key.
  }, [store, key, flush]);

  const update = useCallback(
    (next: T | ((prev: T) => T)) => {
      setValue((prev) => {
        const resolved = typeof next === "function" ? (next as (p: T) => T)(prev) : next;
        pending.current = { value: resolved };
        return resolved;
      });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush, WRITE_DELAY_MS);
    },
    [flush],
  );
  return [value, update, loaded] as const;
}
