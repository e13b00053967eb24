import { ActionButton } from "@swc-react/action-button";
import type { HistoryRecord } from "../history/types";
import { errorViewOf } from "../logic/error-messages";
import { backendName, formatWhen, strengthText } from "../logic/wording";
import { TID } from "../testids";
import { ErrorText } from "./ErrorBanner";
import { Thumb } from "./Thumb";
import { useBlob } from "./useBlob";

type LoadBlob = (id: string) => Promise<Blob | undefined>;

export interface HistoryActions {
  loadThumb: LoadBlob;
  /** The source pixels the result was made from. */
  loadSource: LoadBlob;
  onReinsert: (record: HistoryRecord) => void;
  onDelete: (record: HistoryRecord) => void;
  onUseSettings: (record: HistoryRecord) => void;
}

const STATUS = { inserted: "Inserted", failed: "Not inserted", saved: "Not inserted yet" } as const;

function Item(props: { record: HistoryRecord; locale: string } & HistoryActions) {
  const { record } = props;
  const thumb = useBlob(props.loadThumb, record.id);
  const source = useBlob(props.loadSource, record.id);
  const name = record.sourceName ?? "Layer";
  const error = record.error ? errorViewOf(record.error) : null;
  return (
    <li className="history-item" data-testid={TID.historyItem} data-status={record.status} data-id={record.id}>
      <div className="pair">
        <Thumb blob={thumb} alt={`Result: ${record.settings.prompt}`} />
        <Thumb blob={source} alt={`Source: ${name}`} className="mini" testId={TID.historySource} />
      </div>
      <div className="meta">
        <span className="prompt" title={record.settings.prompt}>
          {record.settings.prompt}
        </span>
        <span className="hint">
          {name} · {strengthText(record.settings.strength)}
          {record.kind === "sweep" ? " (sweep)" : ""} · seed {record.settings.seed}
        </span>
        <span className="hint">
          {backendName(record.backend)} · {formatWhen(record.createdAt, props.locale)}
        </span>
        <span className="hint" data-testid={TID.historyStatus}>
          {STATUS[record.status]}
        </span>
        {error ? <ErrorText error={error} /> : null}
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
      {props.records.length === 0 ? <p className="hint">Your results appear here, newest first (kept on this computer, about 10 MB).</p> : null}
      <ul className="history" data-testid={TID.historyList}>
        {props.records.map((record) => (
          <Item key={record.id} record={record} {...props} />
        ))}
      </ul>
    </section>
  );
}
