import fc from "fast-check";
import { ValidationError, parseSettings } from "../../src/core/errors";
import { SegmindBodySchema, toSegmindBody } from "../../src/shared/segmind-body";
import { GenerationSettingsSchema, LIMITS, MAX_SEED, SCHEDULERS, resolveSeed } from "../../src/shared/settings";
import { invalidField, validSettings } from "./settings-arbitraries";

const errorOf = (input: unknown): string => {
  try {
    parseSettings(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as Error).message;
  }
  throw new Error("expected the settings to be rejected");
};

describe("GenerationSettingsSchema", () => {
  it("fills every default from LIMITS", () => {
    expect(parseSettings({ prompt: "x" })).toEqual({
      prompt: "x",
      negativePrompt: "",
      steps: LIMITS.steps.default,
      guidanceScale: LIMITS.guidanceScale.default,
      seed: "random",
      controlScale: LIMITS.controlScale.default,
      scheduler: "UniPC",
      samples: 1,
      depthLayer: { enabled: false, blendMode: "normal", opacity: 1, invert: false },
      advanced: {},
    });
  });

  it("trims the prompts", () => {
    const s = parseSettings({ prompt: "  oil on canvas \n", negativePrompt: "  text  " });
    expect([s.prompt, s.negativePrompt]).toEqual(["oil on canvas", "text"]);
  });

  it("asks for a prompt when it is empty or blank", () => {
    expect(errorOf({ prompt: "   " })).toContain("prompt: prompt is required");
    expect(errorOf({})).toMatch(/prompt: prompt must be 1 to 2000 characters/);
  });

  it("rejects a prompt over the length limit, naming the limit", () => {
    expect(errorOf({ prompt: "a".repeat(2001) })).toContain("prompt: prompt must be 1 to 2000 characters");
    expect(parseSettings({ prompt: "a".repeat(2000) }).prompt).toHaveLength(2000);
  });

  it.each([
    ["steps", 19, "steps must be a whole number from 20 to 100"],
    ["steps", 101, "steps must be a whole number from 20 to 100"],
    ["steps", 25.5, "steps must be a whole number from 20 to 100"],
    ["guidanceScale", 0.99, "guidanceScale must be a number from 1 to 25"],
    ["guidanceScale", 25.01, "guidanceScale must be a number from 1 to 25"],
    ["controlScale", -0.01, "controlScale must be a number from 0 to 1"],
    ["controlScale", 1.01, "controlScale must be a number from 0 to 1"],
    ["strength", 1.5, "strength must be a number from 0 to 1"],
    ["samples", 0, "samples must be a whole number from 1 to 4"],
    ["samples", 5, "samples must be a whole number from 1 to 4"],
    ["seed", -1, `seed must be "random" or a whole number from 0 to ${MAX_SEED}`],
    ["seed", MAX_SEED + 1, `seed must be "random" or a whole number from 0 to ${MAX_SEED}`],
    ["seed", "lucky", `seed must be "random" or a whole number from 0 to ${MAX_SEED}`],
  ])("rejects %s = %p, naming the field and its range", (field, value, message) => {
    expect(errorOf({ prompt: "x", [field]: value })).toContain(`${field}: ${message}`);
  });

  it("accepts the range ends", () => {
    const s = parseSettings({ prompt: "x", steps: 100, guidanceScale: 1, controlScale: 0, strength: 1, samples: 4, seed: MAX_SEED });
    expect([s.steps, s.guidanceScale, s.controlScale, s.strength, s.samples, s.seed]).toEqual([100, 1, 0, 1, 4, MAX_SEED]);
  });

  it("accepts the seeds Segmind's own samples send (above 2³²) up to 2⁵³−1, the largest exact JS integer", () => {
    expect(MAX_SEED).toBe(2 ** 53 - 1);
    for (const seed of [9715432854, 131487365682, MAX_SEED]) {
      expect(parseSettings({ prompt: "x", seed }).seed).toBe(seed);
      expect(SegmindBodySchema.parse({ image: "QUJD", prompt: "x", seed }).seed).toBe(seed);
    }
    expect(SegmindBodySchema.safeParse({ image: "QUJD", prompt: "x", seed: 2 ** 53 }).success).toBe(false);
  });

  it("accepts every documented scheduler and lists them when one is unknown", () => {
    for (const scheduler of SCHEDULERS) expect(parseSettings({ prompt: "x", scheduler }).scheduler).toBe(scheduler);
    expect(errorOf({ prompt: "x", scheduler: "Euler A" })).toContain(`scheduler: scheduler must be one of: ${SCHEDULERS.join(", ")}`);
  });

  it("resolves a random seed from the injected source and keeps a chosen one", () => {
    const random = parseSettings({ prompt: "x" });
    expect(resolveSeed(random, () => 0).seed).toBe(0);
    expect(resolveSeed(random, () => 0.5).seed).toBe(2 ** 52);
    expect(resolveSeed(random, () => 1 - 2 ** -53).seed).toBe(MAX_SEED);
    expect(resolveSeed(parseSettings({ prompt: "x", seed: 77 }), () => 0.5).seed).toBe(77);
  });
});

describe("settings properties (fast-check)", () => {
  it("every valid setting round-trips and becomes a valid Segmind body", () => {
    fc.assert(
      fc.property(validSettings, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.boolean(), (input, r, base64) => {
        const once = parseSettings(input);
        expect(parseSettings(once)).toEqual(once);
        const resolved = resolveSeed(once, () => r);
        expect(Number.isInteger(resolved.seed) && resolved.seed >= 0 && resolved.seed <= MAX_SEED).toBe(true);
        const body = toSegmindBody(resolved, "QUJD", base64);
        const parsed = SegmindBodySchema.safeParse(body);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toEqual(body);
      }),
      { numRuns: 1000 },
    );
  });

  it("every setting broken in one field is rejected, naming that field", () => {
    fc.assert(
      fc.property(validSettings, invalidField, (input, [field, value]) => {
        const broken = { ...input, [field]: value };
        expect(GenerationSettingsSchema.safeParse(broken).success).toBe(false);
        expect(errorOf(broken)).toContain(`${field}`);
      }),
      { numRuns: 1000 },
    );
  });
});
