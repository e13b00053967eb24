import type { SelectionInfo } from "../../shared/sandbox-api";
import { TID } from "../testids";

/** What is selected, and the honest caveat about how its pixels are read. */
export function SelectionSection(props: { selection: SelectionInfo | null; connected: boolean }) {
  const { selection } = props;
  const layers = selection?.layers ?? [];
  const generated = layers.filter((l) => l.provenance).length;
  const summary = !props.connected
    ? "Connecting to the document…"
    : layers.length === 0
      ? "No layer selected. Select one or more layers on the page."
      : `${layers.length} layer${layers.length === 1 ? "" : "s"} selected${generated ? ` (${generated} made by Depth Restyle)` : ""}.`;
  return (
    <section className="section">
      <p data-testid={TID.selectionSummary} className="summary">
        {summary}
      </p>
      <p data-testid={TID.renditionNotice} className="hint">
        The layer is read from a rendering of the page: anything overlapping it (above or below) is part of the input.
        The source layer is never changed; results are inserted directly above it.
      </p>
    </section>
  );
}
