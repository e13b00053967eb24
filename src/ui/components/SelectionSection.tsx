import { EXPERIMENTAL_APIS } from "../../shared/build-flags";
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
      ? "No layer selected."
      : layers.length === 1
        ? `1 layer selected: ${layerName(layers[0]!)}${generated ? " (made by Depth Restyle)" : ""}`
        : `${layers.length} layers selected${generated ? ` (${generated} made by Depth Restyle)` : ""}`;
  return (
    <section className="section">
      <p data-testid={TID.selectionSummary} className="summary">
        {summary}
      </p>
      <p data-testid={TID.renditionNotice} className="hint">
        {EXPERIMENTAL_APIS
          ? "The layer is read on its own (developer build). "
          : "The layer is read from a rendering of the page: other layers on top of it are part of the input (Depth Restyle's own results are left out). "}
        The source layer is never changed; each new result goes on top of the earlier ones.
      </p>
    </section>
  );
}
