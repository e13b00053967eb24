import { ActionButton } from "@swc-react/action-button";
import { ProgressBar } from "@swc-react/progress-bar";
import { useEffect, useState } from "react";
import { errorViewOf } from "../logic/error-messages";
import { rowProgress, rowText } from "../logic/row-text";
import type { RowState } from "../pipeline/types";
import { TID } from "../testids";
import { SamplerPreview } from "./SamplerPreview";
import { ScoreBadge } from "./ScoreBadge";
import { Thumb } from "./Thumb";
import { useBlob } from "./useBlob";

type LoadThumb = (id: string) => Promise<Blob | undefined>;

function ResultThumb(props: { id: string; label: string; loadThumb: LoadThumb }) {
  return <Thumb blob={useBlob(props.loadThumb, props.id)} alt={`Result of ${props.label}`} />;
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function JobRow(props: { row: RowState; now: number; onCancel: (id: string) => void; loadThumb: LoadThumb }) {
  const { row } = props;
  const progress = rowProgress(row);
  const finished = row.status === "done" || row.status === "failed" || row.status === "cancelled";
  const error = row.error ? errorViewOf(row.error) : null;
  return (
    <li className="job" data-testid={TID.jobRow} data-status={row.status}>
      <div className="row">
        <span className="label">{row.label}</span>
        <span className="hint" data-testid={TID.jobStatus}>
          {rowText(row, props.now)}
        </span>
        {!finished ? (
          <ActionButton size="s" quiet data-testid={TID.cancel} onClick={() => props.onCancel(row.id)}>
            Cancel
          </ActionButton>
        ) : null}
      </div>
      {!finished ? (
        <ProgressBar data-testid={row.status === "depth" ? TID.depthModelProgress : TID.progress} size="s" label={rowText(row, props.now)} {...(progress === null ? { indeterminate: true } : { progress: Math.round(progress * 100) })} />
      ) : null}
      {!finished ? <SamplerPreview preview={row.preview} label={row.label} /> : null}
      {row.historyIds.length > 0 ? (
        <div className="row">
          {row.historyIds.map((id, i) => (
            <div key={id} className="scored">
              <ResultThumb id={id} label={row.label} loadThumb={props.loadThumb} />
              <ScoreBadge score={row.scores?.[i]} />
            </div>
          ))}
        </div>
      ) : null}
      {error ? (
        <p className="hint bad" data-testid={TID.error} data-code={error.code}>
          {error.title}: {error.detail} {error.fix}
        </p>
      ) : null}
    </li>
  );
}

export function JobList(props: { rows: readonly RowState[]; onCancel: (id: string) => void; loadThumb: LoadThumb }) {
  const waiting = props.rows.some((r) => r.status === "waiting_rate_limit");
  const now = useNow(waiting);
  if (props.rows.length === 0) return null;
  return (
    <section className="section">
      <h3>Jobs</h3>
      <ul className="jobs">
        {props.rows.map((row) => (
          <JobRow key={row.id} row={row} now={now} onCancel={props.onCancel} loadThumb={props.loadThumb} />
        ))}
      </ul>
    </section>
  );
}
