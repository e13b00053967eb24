import type { SweepState } from "../hooks/usePanel";
import { errorViewOf } from "../logic/error-messages";
import { rowFinished, rowText } from "../logic/row-text";
import type { RowState } from "../pipeline/types";
import { TID } from "../testids";
import { ScoreBadge } from "./ScoreBadge";
import { Thumb } from "./Thumb";
import { useBlob } from "./useBlob";
import { useNow } from "./useNow";

type LoadThumb = (id: string) => Promise<Blob | undefined>;

function Cell(props: { row: RowState; inserted: boolean; now: number; locale: string; loadThumb: LoadThumb; onPick: (historyId: string) => void }) {
  const { row } = props;
  const id = row.historyIds[0];
  const blob = useBlob(props.loadThumb, id);
  const problem = row.error ? errorViewOf(row.error).detail : undefined;
  return (
    <button
      type="button"
      className={props.inserted ? "cell inserted" : "cell"}
      data-testid={TID.sweepCell}
      data-status={row.status}
      data-strength={row.strength}
      disabled={!id}
      onClick={() => id && props.onPick(id)}
      title={id ? `Insert the ${row.label.toLowerCase()} version above the layer` : problem}
    >
      <Thumb blob={blob} alt={row.label} />
      <span className="label">{row.label}</span>
      <ScoreBadge score={row.scores?.[0]} />
      {props.inserted ? (
        <span className="hint" data-testid={TID.sweepInserted}>
          ✓ Inserted
        </span>
      ) : id ? null : (
        <span className="hint">{rowText(row, props.now, props.locale)}</span>
      )}
    </button>
  );
}

/** The strength sweep of one layer as labelled thumbnails; clicking one inserts it above that layer. */
export function SweepGrid(props: { sweep: SweepState; locale: string; loadThumb: LoadThumb; onPick: (historyId: string) => void }) {
  const { sweep } = props;
  const now = useNow(sweep.rows.some((r) => !rowFinished(r)));
  if (sweep.rows.length === 0) return null;
  return (
    <section className="section">
      <h3>Strength sweep</h3>
      <p className="hint">
        {sweep.sourceName}
        {sweep.seed !== null ? ` · seed ${sweep.seed}` : ""} · click one to insert it
      </p>
      <div className="grid" data-testid={TID.sweepGrid}>
        {sweep.rows.map((row) => (
          <Cell key={row.id} row={row} inserted={row.historyIds.some((h) => sweep.inserted.includes(h))} now={now} locale={props.locale} loadThumb={props.loadThumb} onPick={props.onPick} />
        ))}
      </div>
    </section>
  );
}
