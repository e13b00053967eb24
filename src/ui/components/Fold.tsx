import type { ReactNode } from "react";
import type { TestId } from "../testids";

/** A titled section folded away until opened; the panel model can open it (e.g. from an error's action). */
export function Fold(props: { id: string; testId: TestId; title: string; open: boolean; onToggle: (open: boolean) => void; children: ReactNode }) {
  return (
    <details id={props.id} className="fold" data-testid={props.testId} open={props.open} onToggle={(e) => props.onToggle((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{props.title}</summary>
      <div className="fold-body">{props.children}</div>
    </details>
  );
}
