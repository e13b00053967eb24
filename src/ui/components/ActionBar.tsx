import { Button } from "@swc-react/button";
import { TID } from "../testids";

export interface ActionBarProps {
  blocker: string | null;
  sweepBlocker: string | null;
  /** Shown under the buttons when a sweep would use only part of the selection. */
  sweepNote: string | null;
  depthBlocker: string | null;
  busy: boolean;
  onGenerate: () => void;
  onSweep: () => void;
  onDepth: () => void;
  onCancelAll: () => void;
}

/** The main actions; a disabled action always says why. */
export function ActionBar(p: ActionBarProps) {
  return (
    <section className="section actions">
      <div className="row">
        <Button variant="accent" data-testid={TID.generate} disabled={p.blocker !== null} onClick={p.onGenerate}>
          Generate
        </Button>
        <Button variant="secondary" data-testid={TID.sweep} disabled={p.sweepBlocker !== null} onClick={p.onSweep}>
          Strength sweep
        </Button>
        {p.busy ? (
          <Button variant="negative" treatment="outline" data-testid={TID.cancelAll} onClick={p.onCancelAll}>
            Cancel all
          </Button>
        ) : null}
      </div>
      {p.blocker ? (
        <p className="hint" data-testid={TID.generateDisabledReason}>
          {p.blocker}
        </p>
      ) : null}
      {!p.blocker && p.sweepNote ? <p className="hint">{p.sweepNote}</p> : null}
      <div className="row">
        <Button variant="secondary" treatment="outline" data-testid={TID.addDepthLayer} disabled={p.depthBlocker !== null} onClick={p.onDepth}>
          Add depth layer
        </Button>
      </div>
      {p.depthBlocker ? (
        <p className="hint" data-testid={TID.depthDisabledReason}>
          {p.depthBlocker}
        </p>
      ) : null}
    </section>
  );
}
