import { ActionButton } from "@swc-react/action-button";
import { TID } from "../testids";

/** What the last action changed ("Use these settings"), until dismissed or the next action. */
export function Notice(props: { text: string; onDismiss: () => void }) {
  return (
    <div id="notice" className="notice row" role="status" data-testid={TID.notice}>
      <span>{props.text}</span>
      <ActionButton size="s" quiet onClick={props.onDismiss}>
        OK
      </ActionButton>
    </div>
  );
}
