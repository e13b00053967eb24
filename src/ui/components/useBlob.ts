import { useEffect, useState } from "react";

/** Loads a blob by key (history thumbnails), dropping late answers for a changed key. */
export function useBlob(load: (key: string) => Promise<Blob | undefined>, key: string | undefined): Blob | undefined {
  const [blob, setBlob] = useState<Blob | undefined>(undefined);
  useEffect(() => {
    let live = true;
    setBlob(undefined);
    if (key) void load(key).then((b) => live && setBlob(b), () => {});
    return () => {
      live = false;
    };
  }, [load, key]);
  return blob;
}
