import { ActionButton } from "@swc-react/action-button";
import { ProgressBar } from "@swc-react/progress-bar";
import { errorViewOf, type ErrorAction } from "../logic/error-messages";
import { rowFinished, rowProgress, rowText } from "../logic/row-text";
import { strengthText } from "../logic/wording";
import type { RowState } from "../pipeline/types";
import { TID } from "../testids";
import { SamplerPreview } from "./SamplerPreview";
import { ScoreBadge } from "./ScoreBadge";
import { ErrorText } from "./ErrorBanner";
import { Thumb } from "./Thumb";
import { useBlob } from "./useBlob";
import { useNow } from "./useNow";

type LoadThumb = (id: string) => Promise<Blob | undefined>;

function ResultThumb(props: { id: string; label: string; loadThumb: LoadThumb }) {
  return <Thumb blob={useBlob(props.loadThumb, props.id)} alt={`Result of ${props.label}`} />;
}

interface RowActions {
  onCancel: (id: string) => void;
  onErrorAction: (action: ErrorAction) => void;
  loadThumb: LoadThumb;
}

function JobRow(props: { row: RowState; now: number; locale: string } & RowActions) {
  const { row } = props;
  const progress = rowProgress(row);
  const finished = rowFinished(row);
  const status = rowText(row, props.now, props.locale);
  const error = row.error ? errorViewOf(row.error, { now: row.endedAt ?? props.now, locale: props.locale }) : null;
  return (
    <li className="job" data-testid={TID.jobRow} data-status={row.status}>
      <div className="job-head">
        <Thumb blob={row.source} alt={`Source: ${row.label}`} className="mini" testId={TID.jobSource} />
        <div className="meta">
          <span className="label">{row.label}</span>
          {row.restyle ? (
            <span className="hint" data-testid={TID.jobStrength}>
              {strengthText(row.strength)}
              {row.seed !== undefined ? ` · seed ${row.seed}` : ""}
            </span>
          ) : null}
          <span className="hint" data-testid={TID.jobStatus}>
            {status}
          </span>
        </div>
        {!finished ? (
          <ActionButton size="s" quiet data-testid={TID.cancel} onClick={() => props.onCancel(row.id)}>
            Cancel
          </ActionButton>
        ) : null}
      </div>
      {!finished ? (
        <ProgressBar data-testid={row.status === "depth" ? TID.depthModelProgress : TID.progress} size="s" aria-label={status} {...(progress === null ? { indeterminate: true } : { progress: Math.round(progress * 100) })} />
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
      {error ? <ErrorText error={error} onAction={props.onErrorAction} /> : null}
    </li>
  );
}

export function JobList(props: { rows: readonly RowState[]; locale: string } & RowActions) {
  const now = useNow(props.rows.some((r) => !rowFinished(r)));
  if (props.rows.length === 0) return null;
  return (
    <section className="section">
      <h3>Jobs</h3>
      <ul className="jobs">
        {props.rows.map((row) => (
          <JobRow key={row.id} row={row} now={now} locale={props.locale} onCancel={props.onCancel} onErrorAction={props.onErrorAction} loadThumb={props.loadThumb} />
        ))}
      </ul>
    </section>
  );
}
