import { ActionButton } from "@swc-react/action-button";
import type { HistoryRecord } from "../history/types";
import { errorViewOf } from "../logic/error-messages";
import { TID } from "../testids";
import { Thumb } from "./Thumb";
import { useBlob } from "./useBlob";

export interface HistoryActions {
  loadThumb: (id: string) => Promise<Blob | undefined>;
  onReinsert: (record: HistoryRecord) => void;
  onDelete: (record: HistoryRecord) => void;
  onUseSettings: (record: HistoryRecord) => void;
}

function Item(props: { record: HistoryRecord; locale: string } & HistoryActions) {
  const { record } = props;
  const blob = useBlob(props.loadThumb, record.id);
  const when = new Date(record.createdAt).toLocaleString(props.locale);
  const error = record.error ? errorViewOf(record.error) : null;
  return (
    <li className="history-item" data-testid={TID.historyItem} data-status={record.status} data-id={record.id}>
      <Thumb blob={blob} alt={record.settings.prompt} />
      <div className="meta">
        <span className="prompt">{record.settings.prompt}</span>
        <span className="hint">
          {record.kind === "sweep" ? `sweep, strength ${record.settings.strength} · ` : ""}seed {record.settings.seed} · {record.backend} · {when}
        </span>
        <span className="hint" data-testid={TID.historyStatus}>
          {record.status === "inserted" ? "Inserted" : record.status === "failed" ? "Not inserted" : "Saved"}
        </span>
        {error ? (
          <span className="hint bad" data-testid={TID.error} data-code={error.code}>
            {error.detail}
          </span>
        ) : null}
        <div className="row">
          <ActionButton size="s" data-testid={TID.historyReinsert} onClick={() => props.onReinsert(record)}>
            {record.status === "inserted" ? "Insert again" : "Insert"}
          </ActionButton>
          <ActionButton size="s" data-testid={TID.historyUseSettings} onClick={() => props.onUseSettings(record)}>
            Use settings
          </ActionButton>
          <ActionButton size="s" quiet data-testid={TID.historyDelete} onClick={() => props.onDelete(record)}>
            Delete
          </ActionButton>
        </div>
      </div>
    </li>
  );
}

export function HistoryList(props: { records: readonly HistoryRecord[]; locale: string } & HistoryActions) {
  return (
    <section className="section">
      <h3>History</h3>
      {props.records.length === 0 ? <p className="hint">Results appear here (kept on this computer, newest first, about 10 MB).</p> : null}
      <ul className="history" data-testid={TID.historyList}>
        {props.records.map((record) => (
          <Item key={record.id} record={record} {...props} />
        ))}
      </ul>
    </section>
  );
}
