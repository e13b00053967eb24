import { errorViewOf } from "../logic/error-messages";
import { rowText } from "../logic/row-text";
import type { RowState } from "../pipeline/types";
import { TID } from "../testids";
import { ScoreBadge } from "./ScoreBadge";
import { Thumb } from "./Thumb";
import { useBlob } from "./useBlob";

function Cell(props: { row: RowState; loadThumb: (id: string) => Promise<Blob | undefined>; onPick: (historyId: string) => void }) {
  const id = props.row.historyIds[0];
  const blob = useBlob(props.loadThumb, id);
  return (
    <button type="button" className="cell" data-testid={TID.sweepCell} data-status={props.row.status} disabled={!id} onClick={() => id && props.onPick(id)} title={id ? "Insert this one above the layer" : props.row.status}>
      <Thumb blob={blob} alt={props.row.label} />
      <span>{props.row.label}</span>
      <ScoreBadge score={props.row.scores?.[0]} />
      {id ? null : (
        <span className="hint" title={props.row.error ? errorViewOf(props.row.error).detail : undefined}>
          {rowText(props.row, Date.now())}
        </span>
      )}
    </button>
  );
}

/** The strength sweep as a grid of thumbnails; clicking one inserts it. */
export function SweepGrid(props: { rows: readonly RowState[]; seed: number | null; loadThumb: (id: string) => Promise<Blob | undefined>; onPick: (historyId: string) => void }) {
  if (props.rows.length === 0) return null;
  return (
    <section className="section">
      <h3>Strength sweep{props.seed !== null ? ` (seed ${props.seed})` : ""}</h3>
      <div className="grid" data-testid={TID.sweepGrid}>
        {props.rows.map((row) => (
          <Cell key={row.id} row={row} loadThumb={props.loadThumb} onPick={props.onPick} />
        ))}
      </div>
    </section>
  );
}
