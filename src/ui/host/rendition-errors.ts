import { BackendUnavailableError, ExportNotAllowedError, PremiumContentError, type DepthRestyleError } from "../../core/errors";

/** The marker Express puts in the error of a rendition that holds Premium content the user is not entitled to. */
export const PREMIUM_MARKER = "USER_NOT_ENTITLED_TO_PREMIUM_CONTENT";

/**
 * A failed page rendition as the panel's typed error. Express signals Premium content by the
 * marker in the error's message; export of an unapproved document is known beforehand from
 * `exportAllowed()`. Anything else says the page could not be read, with Express's own words.
 */
export function renditionFailure(cause: unknown): DepthRestyleError {
  if (cause === "export-not-allowed")
    return new ExportNotAllowedError("This document is under review and not yet approved for export, so the layer cannot be sent to the restyle service. Ask the document's reviewers to approve it, then try again; Add depth layer still works, as it never leaves the panel.");
  const text = cause instanceof Error ? cause.message : String(cause);
  if (text.includes(PREMIUM_MARKER))
    return new PremiumContentError("This page contains Premium content that your Adobe Express plan does not include, so the layer cannot be sent to the restyle service. Upgrade to Adobe Express Premium, or replace the Premium items on this page, then try again; Add depth layer still works, as it never leaves the panel.", { cause });
  return new BackendUnavailableError(`Express could not render the page (${text}). Wait until the page has loaded, then try again.`, { cause });
}
