import { Button } from "@swc-react/button";
import type { PanelRules } from "../logic/gate";
import { TID } from "../testids";

export interface ActionBarProps {
  rules: PanelRules;
  busy: boolean;
  onGenerate: () => void;
  onSweep: () => void;
  onDepth: () => void;
  onCancelAll: () => void;
}

/** The main actions; a disabled action says why (as its tooltip), and one hint at a time shows below. */
export function ActionBar(p: ActionBarProps) {
  const { rules } = p;
  return (
    <section className="section actions">
      <div className="row">
        <Button variant="accent" data-testid={TID.generate} disabled={rules.generate !== null} title={rules.generate ?? undefined} onClick={p.onGenerate}>
          Generate
        </Button>
        <Button variant="secondary" data-testid={TID.sweep} disabled={rules.sweep !== null} title={rules.sweep ?? "Five versions from a light touch to a full restyle"} onClick={p.onSweep}>
          Strength sweep
        </Button>
        <Button variant="secondary" treatment="outline" data-testid={TID.addDepthLayer} disabled={rules.depth !== null} title={rules.depth ?? undefined} onClick={p.onDepth}>
          Add depth layer
        </Button>
        {p.busy ? (
          <Button variant="negative" treatment="outline" data-testid={TID.cancelAll} onClick={p.onCancelAll}>
            Cancel all
          </Button>
        ) : null}
      </div>
      {rules.hint ? (
        <p className="hint" data-testid={TID.actionHint}>
          {rules.hint}
        </p>
      ) : null}
    </section>
  );
}
