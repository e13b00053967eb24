import { EXPERIMENTAL_APIS } from "../../shared/build-flags";
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
        {EXPERIMENTAL_APIS
          ? "The layer is read on its own (developer build). "
          : "The layer is read from a rendering of the page: other layers on top of it are part of the input (Depth Restyle's own results are left out). "}
        The source layer is never changed; each new result goes on top of the earlier ones.
      </p>
    </section>
  );
}
