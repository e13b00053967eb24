import type {
  AlertDialogOptions,
  CustomDialogOptions,
  InputDialogOptions,
} from "@adobe/ccweb-add-on-sdk-types/iframe-ui";

export type DialogOptions = AlertDialogOptions | InputDialogOptions | CustomDialogOptions;

export interface DialogRecord {
  options: DialogOptions;
  result?: unknown;
}

/**
 * Express shows add-on dialogs in its own UI, above the panel. The host page does the same with
 * a <dialog>; tests click its buttons (data-testid host-dialog-<buttonType>).
 */
export function showHostDialog(options: DialogOptions, log: DialogRecord[]): Promise<unknown> {
  const record: DialogRecord = { options };
  log.push(record);
  const dialog = document.createElement("dialog");
  dialog.dataset.testid = "host-dialog";
  dialog.dataset.variant = options.variant;
  const title = document.createElement("h2");
  title.textContent = options.title;
  dialog.append(title);
  if ("description" in options) {
    const text = document.createElement("p");
    text.dataset.testid = "host-dialog-description";
    text.textContent = options.description;
    dialog.append(text);
  }
  const input = document.createElement("input");
  if (options.variant === "input") {
    input.value = options.field.initialValue ?? "";
    input.placeholder = options.field.placeholder ?? "";
    input.dataset.testid = "host-dialog-input";
    dialog.append(input);
  }
  if (options.variant === "custom") {
    const note = document.createElement("p");
    note.textContent = `custom dialog (${options.src}) is not rendered by the harness`;
    dialog.append(note);
  }
  const labels = "buttonLabels" in options ? (options.buttonLabels ?? {}) : {};
  const buttons: [string, string | undefined][] = [
    ["primary", labels.primary ?? "OK"],
    ["secondary", labels.secondary],
    ["cancel", labels.cancel ?? (options.variant === "information" || options.variant === "error" ? undefined : "Cancel")],
  ];
  return new Promise((resolve) => {
    const finish = (buttonType: string) => {
      const type = options.variant === "input" ? "input" : options.variant === "custom" ? "custom" : "alert";
      const result = type === "input" ? { type, buttonType, fieldValue: input.value } : type === "custom" ? { type, buttonType, result: undefined } : { type, buttonType };
      record.result = result;
      dialog.close();
      dialog.remove();
      resolve(result);
    };
    for (const [type, label] of buttons) {
      if (!label) continue;
      const button = document.createElement("button");
      button.textContent = label;
      button.dataset.testid = `host-dialog-${type}`;
      button.addEventListener("click", () => finish(type));
      dialog.append(button);
    }
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      finish("close");
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
