import { ValidationError } from "../../core/errors";

/**
 * Most `:` a JSON body may hold. A real request has a few dozen fields, whose strings (prompts,
 * 32 pass-through values of 2000 characters) hold at most about 70 000 more; base64 has none.
 */
export const MAX_JSON_COLONS = 100_000;

/**
 * Refuses a body with millions of fields before JSON.parse builds them: parsing alone took seconds
 * and gigabytes, so the count is checked on the text, where it costs one scan.
 */
export function assertFewJsonFields(text: string): void {
  let count = 0;
  for (let at = text.indexOf(":"); at >= 0; at = text.indexOf(":", at + 1))
    if (++count > MAX_JSON_COLONS) throw new ValidationError(`The JSON body has far more fields than any request of this API (over ${MAX_JSON_COLONS}). See /docs/json for the request shape.`);
}
