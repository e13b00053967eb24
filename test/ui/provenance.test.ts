import { ProvenanceSchema } from "../../src/shared/sandbox-api";
import { GenerationSettingsSchema, resolveSeed } from "../../src/shared/settings";
import { PROVENANCE_BUDGET, buildProvenance } from "../../src/ui/logic/provenance";

const settings = (prompt: string, negativePrompt = "") => resolveSeed(GenerationSettingsSchema.parse({ prompt, negativePrompt, seed: 42 }));
const meta = { kind: "restyle" as const, sourceId: "node-1", backend: "segmind" as const, historyId: "h1", createdAt: "2026-11-29T08:00:00.000Z" };
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

describe("buildProvenance", () => {
  it("keeps every setting when it fits, and parses with the shared schema", () => {
    const p = buildProvenance(settings("ink drawing"), meta);
    expect(p.truncated).toBe(false);
    expect(p.settings?.prompt).toBe("ink drawing");
    expect(p.seed).toBe(42);
    expect(ProvenanceSchema.parse(p)).toEqual(p);
  });

  it("shortens long prompts (negative first) to stay inside the addOnData budget, and says so", () => {
    const p = buildProvenance(settings("p".repeat(2000), "n".repeat(2000)), meta);
    expect(bytes(p)).toBeLessThanOrEqual(PROVENANCE_BUDGET);
    expect(p.truncated).toBe(true);
    expect(p.seed).toBe(42);
    expect(p.settings?.prompt?.startsWith("ppp")).toBe(true);
    expect(p.settings?.negativePrompt?.length ?? 0).toBeLessThan(p.settings?.prompt?.length ?? 0);
  });

  it("fits multi-byte prompts by bytes, not characters", () => {
    const p = buildProvenance(settings("水彩画".repeat(600)), meta);
    expect(bytes(p)).toBeLessThanOrEqual(PROVENANCE_BUDGET);
  });
});
