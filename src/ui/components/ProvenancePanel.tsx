import { ActionButton } from "@swc-react/action-button";
import type { Provenance } from "../../shared/sandbox-api";
import { backendName, formatWhen, strengthText } from "../logic/wording";
import { TID } from "../testids";

const TITLES: Record<Provenance["kind"], (p: Provenance) => string> = {
  restyle: () => "Restyled layer",
  depth: () => "Depth layer",
  slice: (p) => (p.band ? `Depth slice ${p.band.index} of ${p.band.count}${p.band.index === 1 ? " (nearest)" : p.band.index === p.band.count ? " (farthest)" : ""}` : "Depth slices"),
};

export interface ProvenanceProps {
  provenance: Provenance;
  locale: string;
  useBlocker: string | null;
  regenerateBlocker: string | null;
  /** The blocker as a visible hint, unless the panel already shows another one. */
  regenerateHint: string | null;
  onUse: () => void;
  onRegenerate: (mode: "same-seed" | "new-variation") => void;
}

/** Settings of a selected layer this add-on made, with what a designer does with them. */
export function ProvenancePanel(props: ProvenanceProps) {
  const { provenance } = props;
  const s = provenance.settings ?? {};
  const restyle = provenance.kind === "restyle";
  return (
    <section className="section provenance" data-testid={TID.provenance}>
      <h3>{TITLES[provenance.kind](provenance)}</h3>
      <dl>
        {s.prompt !== undefined ? (
          <>
            <dt>Prompt</dt>
            <dd>
              {s.prompt}
              {provenance.truncated ? "…" : ""}
            </dd>
          </>
        ) : null}
        {restyle ? (
          <>
            <dt>Strength</dt>
            <dd>{strengthText(s.strength).replace(/^Strength /, "")}</dd>
            <dt>Seed</dt>
            <dd>{provenance.seed ?? s.seed ?? "unknown"}</dd>
          </>
        ) : null}
        <dt>Made with</dt>
        <dd>{backendName(provenance.backend)}</dd>
        <dt>Made on</dt>
        <dd>{formatWhen(provenance.createdAt, props.locale)}</dd>
      </dl>
      {restyle ? (
        <div className="row">
          <ActionButton size="s" data-testid={TID.useTheseSettings} disabled={props.useBlocker !== null} title={props.useBlocker ?? "Put this result's settings, seed included, into the form"} onClick={props.onUse}>
            Use these settings
          </ActionButton>
          <ActionButton size="s" data-testid={TID.regenerate} disabled={props.regenerateBlocker !== null} title={props.regenerateBlocker ?? "The same result again from the source's pixels"} onClick={() => props.onRegenerate("same-seed")}>
            Regenerate: same seed
          </ActionButton>
          <ActionButton size="s" data-testid={TID.regenerateNew} disabled={props.regenerateBlocker !== null} title={props.regenerateBlocker ?? "Same settings, a new seed"} onClick={() => props.onRegenerate("new-variation")}>
            New variation
          </ActionButton>
        </div>
      ) : null}
      {restyle && props.regenerateHint ? <p className="hint">{props.regenerateHint}</p> : null}
    </section>
  );
}
