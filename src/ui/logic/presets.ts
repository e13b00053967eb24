import { z } from "zod";
import { FormStateSchema, type FormState } from "./form";

export const PresetSchema = z.object({ name: z.string().trim().min(1).max(60), form: FormStateSchema });
export type Preset = z.infer<typeof PresetSchema>;
export const PresetListSchema = z.array(PresetSchema);

/** Parses stored presets, dropping entries that no longer match the schema instead of losing all. */
export function parsePresets(stored: unknown): Preset[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((item) => {
    const parsed = PresetSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Saves under `name`, replacing a preset of the same name (case-insensitive); list stays sorted by name. */
export function upsertPreset(list: readonly Preset[], name: string, form: FormState): Preset[] {
  const preset = PresetSchema.parse({ name, form });
  const rest = list.filter((p) => p.name.toLowerCase() !== preset.name.toLowerCase());
  return [...rest, preset].sort((a, b) => a.name.localeCompare(b.name));
}

export function removePreset(list: readonly Preset[], name: string): Preset[] {
  return list.filter((p) => p.name !== name);
}
