import { expect } from "@jest/globals";
import { ProvenanceSchema, type Provenance } from "../../src/shared/sandbox-api";
import { GenerationSettingsSchema, resolveSeed, type GenerationSettingsInput } from "../../src/shared/settings";
import { createSandboxApi } from "../../src/sandbox/api";
import { createExpressDocument, type FakeExpressDocument } from "../fakes/express-document";

/** A document that enforces the SDK's active-content rule, and the add-on's API on top of it. */
export function documentWithApi(width = 1000, height = 800): { doc: FakeExpressDocument; api: ReturnType<typeof createSandboxApi> } {
  const doc = createExpressDocument({ width, height, enforceActiveContent: true });
  return { doc, api: createSandboxApi({ editor: doc.editor, constants: doc.constants }) };
}

export function provenance(kind: Provenance["kind"], sourceId: string, settings: GenerationSettingsInput = { prompt: "a watercolor harbour at dusk" }): Provenance {
  const resolved = resolveSeed(GenerationSettingsSchema.parse(settings), () => 0.25);
  return ProvenanceSchema.parse({
    v: 1,
    kind,
    sourceId,
    backend: "segmind",
    settings: resolved,
    seed: resolved.seed,
    historyId: "hist-1",
    createdAt: "2026-11-29T08:00:00.000Z",
  });
}

export const close = (actual: number, expected: number, digits = 6): void => expect(actual).toBeCloseTo(expected, digits);
