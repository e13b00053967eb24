import type { SelectionInfo } from "../../shared/sandbox-api";
import { layerName } from "../logic/wording";
import { TID } from "../testids";

/** What is selected, named as the designer sees it, and the honest caveat about how its pixels are read. */
export function SelectionSection(props: { selection: SelectionInfo | null; connected: boolean }) {
  const layers = props.selection?.layers ?? [];
  const generated = layers.filter((l) => l.provenance).length;
  const summary = !props.connected
    ? "Connecting to the document…"
    : layers.length === 0
      ? "No layer selected. Select one or more layers on the page."
      : layers.length === 1
        ? `1 layer selected: ${layerName(layers[0]!)}${generated ? " (made by Depth Restyle)" : ""}`
        : `${layers.length} layers selected${generated ? ` (${generated} made by Depth Restyle)` : ""}`;
  return (
    <section className="section">
      <p data-testid={TID.selectionSummary} className="summary">
        {summary}
      </p>
      <details className="details">
        <summary>How the layer is read</summary>
        <p data-testid={TID.renditionNotice} className="hint">
          The layer is read from a rendering of the page: anything overlapping it (above or below) is part of the input.
          The source layer is never changed; results are inserted directly above it.
        </p>
      </details>
    </section>
  );
}
