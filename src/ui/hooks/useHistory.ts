import { useCallback, useEffect, useState } from "react";
import type { HistoryRecord, HistoryStore } from "../history/types";

/** History records (newest first), reloaded after every change the panel makes. */
export function useHistory(store: HistoryStore) {
  const [records, setRecords] = useState<HistoryRecord[]>([]);
  const reload = useCallback(() => store.list().then(setRecords), [store]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { records, reload };
}
