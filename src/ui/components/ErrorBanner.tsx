import { ActionButton } from "@swc-react/action-button";
import type { ErrorView } from "../logic/error-messages";
import { TID } from "../testids";

/** A typed error as title, what happened, and how to fix it. */
export function ErrorBanner(props: { error: ErrorView; onDismiss?: () => void; onAction?: (action: ErrorView["action"]) => void }) {
  const { error } = props;
  const actionLabel = error.action === "retry" ? "Try again" : error.action === "open-backend" ? "Backend settings" : error.action === "edit-settings" ? "Edit settings" : null;
  return (
    <div className="error" role="alert" data-testid={TID.error} data-code={error.code}>
      <strong>{error.title}</strong>
      <p>{error.detail}</p>
      <p className="hint">{error.fix}</p>
      <div className="row">
        {actionLabel && props.onAction ? (
          <ActionButton size="s" onClick={() => props.onAction?.(error.action)}>
            {actionLabel}
          </ActionButton>
        ) : null}
        {props.onDismiss ? (
          <ActionButton size="s" quiet onClick={props.onDismiss}>
            Dismiss
          </ActionButton>
        ) : null}
      </div>
    </div>
  );
}
