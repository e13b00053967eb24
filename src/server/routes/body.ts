import type { z } from "zod";
import { ValidationError } from "../../core/errors";
import { describeIssues } from "../../shared/settings";

/** The one parse of a request body: bad input becomes a ValidationError naming every bad field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(body);
  if (!result.success) throw new ValidationError(`Invalid ${what} — ${describeIssues(result.error)}.`);
  return result.data;
}
