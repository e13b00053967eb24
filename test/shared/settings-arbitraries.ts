/** fast-check generators of valid settings and of settings broken in exactly one named field. */
import fc from "fast-check";
import { BLEND_MODES, LIMITS, MAX_SEED, SCHEDULERS } from "../../src/shared/settings";

const text = (max: number) => fc.string({ maxLength: max, unit: "grapheme" });

export const validSettings = fc.record(
  {
    prompt: text(300).filter((s) => s.trim().length > 0),
    negativePrompt: text(300),
    steps: fc.integer({ min: LIMITS.steps.min, max: LIMITS.steps.max }),
    guidanceScale: fc.double({ min: LIMITS.guidanceScale.min, max: LIMITS.guidanceScale.max, noNaN: true }),
    seed: fc.oneof(fc.constant("random" as const), fc.maxSafeNat()),
    controlScale: fc.double({ min: LIMITS.controlScale.min, max: LIMITS.controlScale.max, noNaN: true }),
    strength: fc.double({ min: LIMITS.strength.min, max: LIMITS.strength.max, noNaN: true }),
    scheduler: fc.constantFrom(...SCHEDULERS),
    samples: fc.integer({ min: LIMITS.samples.min, max: LIMITS.samples.max }),
    depthLayer: fc.record(
      { enabled: fc.boolean(), blendMode: fc.constantFrom(...BLEND_MODES), opacity: fc.double({ min: 0, max: 1, noNaN: true }), invert: fc.boolean() },
      { requiredKeys: [] },
    ),
    // Includes the endpoint's own field names: an advanced entry must never corrupt them.
    advanced: fc.dictionary(
      fc.oneof(fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/), fc.constantFrom("strength", "seed", "samples", "image", "prompt", "base64")),
      fc.oneof(text(20), fc.integer(), fc.boolean()),
      { maxKeys: 4 },
    ),
  },
  { requiredKeys: ["prompt"] },
);

const outside = (r: { min: number; max: number }, int: boolean) =>
  fc.oneof(
    fc.double({ max: r.min, noNaN: true }).filter((v) => v < r.min),
    fc.double({ min: r.max, noNaN: true }).filter((v) => v > r.max),
    fc.constant(Number.NaN),
    fc.constant("12"),
    ...(int ? [fc.double({ min: r.min, max: r.max, noNaN: true }).filter((v) => !Number.isInteger(v))] : []),
  );

/** [field name that must appear in the error, value that breaks it]. */
export const invalidField = fc.oneof(
  fc.tuple(fc.constant("prompt"), fc.oneof(fc.constant(""), fc.constant("   \n"), fc.constant("x".repeat(LIMITS.promptLength + 1)), fc.integer())),
  fc.tuple(fc.constant("negativePrompt"), fc.oneof(fc.constant("y".repeat(LIMITS.promptLength + 1)), fc.integer())),
  fc.tuple(fc.constant("steps"), outside(LIMITS.steps, true)),
  fc.tuple(fc.constant("guidanceScale"), outside(LIMITS.guidanceScale, false)),
  fc.tuple(fc.constant("controlScale"), outside(LIMITS.controlScale, false)),
  fc.tuple(fc.constant("strength"), outside(LIMITS.strength, false)),
  fc.tuple(fc.constant("samples"), outside(LIMITS.samples, true)),
  fc.tuple(fc.constant("seed"), fc.oneof(fc.integer({ max: -1 }), fc.constant(MAX_SEED + 1), fc.constant(1.5), fc.constant("lucky"))),
  fc.tuple(fc.constant("scheduler"), fc.string().filter((s) => !(SCHEDULERS as readonly string[]).includes(s))),
  fc.tuple(fc.constant("depthLayer"), fc.constantFrom({ opacity: 2 }, { blendMode: "dissolve" }, { enabled: "yes" })),
  fc.tuple(fc.constant("advanced"), fc.constantFrom({ BadKey: 1 }, { "1st": true }, { ok_key: { nested: 1 } })),
) as fc.Arbitrary<[string, unknown]>;
