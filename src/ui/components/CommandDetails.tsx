import { ActionButton } from "@swc-react/action-button";
import { useRef, useState } from "react";
import { TID } from "../testids";

/** Copies through the Clipboard API, or by selecting the text where the iframe may not use it. */
async function copy(text: string, fallback: HTMLElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!fallback) return false;
    const range = document.createRange();
    range.selectNodeContents(fallback);
    window.getSelection()?.removeAllRanges();
    window.getSelection()?.addRange(range);
    return false;
  }
}

function Command(props: { command: string }) {
  const [state, setState] = useState<"idle" | "copied" | "selected">("idle");
  const code = useRef<HTMLElement>(null);
  return (
    <div className="command">
      <code ref={code} data-testid={TID.command}>
        {props.command}
      </code>
      <ActionButton size="s" data-testid={TID.copyCommand} onClick={() => void copy(props.command, code.current).then((ok) => setState(ok ? "copied" : "selected"))}>
        {state === "copied" ? "Copied" : state === "selected" ? "Selected: press Ctrl+C" : "Copy"}
      </ActionButton>
    </div>
  );
}

/** Terminal commands, folded away: a designer sees the sentence, whoever runs the computer opens Details. */
export function CommandDetails(props: { commands: readonly string[]; intro?: string }) {
  if (props.commands.length === 0) return null;
  return (
    <details className="details" data-testid={TID.details}>
      <summary>Details</summary>
      {props.intro ? <p className="hint">{props.intro}</p> : null}
      {props.commands.map((c) => (
        <Command key={c} command={c} />
      ))}
    </details>
  );
}
