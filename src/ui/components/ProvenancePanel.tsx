import { ActionButton } from "@swc-react/action-button";
import type { Provenance } from "../../shared/sandbox-api";
import { TID } from "../testids";

const TITLES: Record<Provenance["kind"], (p: Provenance) => string> = {
  restyle: () => "Generated layer",
  depth: () => "Depth layer",
  slice: (p) => (p.band ? `Depth slice ${p.band.index} of ${p.band.count}${p.band.index === 1 ? " (nearest)" : p.band.index === p.band.count ? " (farthest)" : ""}` : "Depth slices"),
};

/** Settings of a selected layer this add-on made, with the two things a user does with them. */
export function ProvenancePanel(props: { provenance: Provenance; regenerateBlocker: string | null; onUse: () => void; onRegenerate: () => void }) {
  const { provenance } = props;
  const s = provenance.settings ?? {};
  return (
    <section className="section provenance" data-testid={TID.provenance}>
      <h3>{TITLES[provenance.kind](provenance)}</h3>
      <dl>
        {s.prompt !== undefined ? (
          <>
            <dt>Prompt</dt>
            <dd>{s.prompt}{provenance.truncated ? "…" : ""}</dd>
          </>
        ) : null}
        <dt>Seed</dt>
        <dd>{provenance.seed ?? s.seed ?? "unknown"}</dd>
        <dt>Backend</dt>
        <dd>{provenance.backend}</dd>
        {s.steps !== undefined ? (
          <>
            <dt>Steps · guidance · control</dt>
            <dd>
              {s.steps} · {s.guidanceScale} · {s.controlScale}
              {s.strength !== undefined ? ` · strength ${s.strength}` : ""}
            </dd>
          </>
        ) : null}
        <dt>Made</dt>
        <dd>{provenance.createdAt}</dd>
      </dl>
      <div className="row">
        <ActionButton size="s" data-testid={TID.useTheseSettings} disabled={!provenance.settings} onClick={props.onUse}>
          Use these settings
        </ActionButton>
        <ActionButton size="s" data-testid={TID.regenerate} disabled={props.regenerateBlocker !== null} onClick={props.onRegenerate}>
          Regenerate
        </ActionButton>
      </div>
      {props.regenerateBlocker ? <p className="hint">{props.regenerateBlocker}</p> : null}
    </section>
  );
}
