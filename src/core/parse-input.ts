import type { z } from "zod";
import { describeIssues, GenerationSettingsSchema, type GenerationSettings } from "../shared/settings";
import { ValidationError } from "./errors";

/** The one parse of untrusted input at an edge: bad input becomes a ValidationError naming every bad field and its allowed range. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(`Invalid ${what} — ${describeIssues(result.error)}.`);
  return result.data;
}

/** Untrusted settings (a CLI's flags, a stored preset), parsed once. */
export const parseSettings = (input: unknown): GenerationSettings => parseInput(GenerationSettingsSchema, input, "settings");
