import { parseGenerateArgs } from "../../src/cli/generate-args";
import { ValidationError } from "../../src/core/errors";
import { MAX_SEED } from "../../src/shared/settings";

const args = (seed: string) => ["--input", "in.png", "--prompt", "pencil sketch", "--out", "out.jpg", "--seed", seed];

describe("depth-restyle generate --seed", () => {
  it("takes Segmind's sample seed and every seed up to 2⁵³−1", () => {
    for (const seed of [9715432854, 131487365682, MAX_SEED]) {
      const parsed = parseGenerateArgs(args(String(seed)));
      expect("settings" in parsed && parsed.settings.seed).toBe(seed);
    }
  });

  it("refuses a seed a JS number cannot hold exactly, naming the range", () => {
    expect(() => parseGenerateArgs(args("9007199254740993"))).toThrow(ValidationError);
    expect(() => parseGenerateArgs(args("9007199254740993"))).toThrow(`seed must be "random" or a whole number from 0 to ${MAX_SEED}`);
  });
});
