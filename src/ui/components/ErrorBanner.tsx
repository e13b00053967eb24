import { ActionButton } from "@swc-react/action-button";
import type { ErrorView } from "../logic/error-messages";
import { TID } from "../testids";
import { CommandDetails } from "./CommandDetails";

const ACTION_LABELS: Record<ErrorView["action"], string | null> = { retry: "Try again", "open-backend": "Generator settings", "edit-settings": "Advanced settings", none: null };

/** A typed error inline (job row, history, connection test): what happened and its fix, once; the settings it names one click away. */
export function ErrorText(props: { error: ErrorView; onAction?: (action: ErrorView["action"]) => void }) {
  const { error, onAction } = props;
  const settings = error.action === "open-backend" || error.action === "edit-settings";
  return (
    <div className="error-text" data-testid={TID.error} data-code={error.code}>
      <p className="hint bad">
        <strong>{error.title}.</strong> {error.detail}
      </p>
      <CommandDetails commands={error.commands} />
      {onAction && settings ? (
        <ActionButton size="s" data-testid={TID.errorAction} onClick={() => onAction(error.action)}>
          {ACTION_LABELS[error.action]}
        </ActionButton>
      ) : null}
    </div>
  );
}

/** The panel's one error banner, with the action that fixes it. */
export function ErrorBanner(props: { error: ErrorView; onDismiss: () => void; onAction: (action: ErrorView["action"]) => void }) {
  const { error } = props;
  const actionLabel = ACTION_LABELS[error.action];
  return (
    <div className="error" role="alert" data-testid={TID.error} data-code={error.code}>
      <strong>{error.title}</strong>
      <p>{error.detail}</p>
      <CommandDetails commands={error.commands} />
      <div className="row">
        {actionLabel ? (
          <ActionButton size="s" data-testid={TID.errorAction} onClick={() => props.onAction(error.action)}>
            {actionLabel}
          </ActionButton>
        ) : null}
        <ActionButton size="s" quiet onClick={props.onDismiss}>
          Dismiss
        </ActionButton>
      </div>
    </div>
  );
}
