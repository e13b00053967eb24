/** Helpers shared by the commands' flag parsers. */

/** Numbers stay strings when they do not parse, so the schema names the field and its range. */
export const num = (text: string | undefined): number | string | undefined => {
  if (text === undefined) return undefined;
  const value = Number(text);
  return text.trim() !== "" && Number.isFinite(value) ? value : text;
};

/** By code, not class: node:util's TypeError may come from another realm (e.g. under jest). */
export const isArgsError = (error: unknown): error is Error =>
  typeof error === "object" && error !== null && String((error as { code?: unknown }).code).startsWith("ERR_PARSE_ARGS");
