import { MAX_SEED } from "../../src/shared/settings";
import { DEFAULT_FORM, depthOptionsOf, formToSettings, settingsToForm } from "../../src/ui/logic/form";

const filled = { ...DEFAULT_FORM, prompt: "oil painting" };

describe("formToSettings", () => {
  it("accepts the default form once a prompt is written, with a random seed and no strength", () => {
    const result = formToSettings(filled);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.seed).toBe("random");
    expect(result.settings.strength).toBeUndefined();
  });

  it("sends strength only when the user switched it on", () => {
    const result = formToSettings({ ...filled, useStrength: true, strength: 0.35 });
    expect(result.ok && result.settings.strength).toBe(0.35);
  });

  it("uses a fixed seed typed by the user and rejects a seed that is not a whole number in range", () => {
    const fixed = formToSettings({ ...filled, seedMode: "locked", seedText: " 1234 " });
    expect(fixed.ok && fixed.settings.seed).toBe(1234);
    const segmindSample = formToSettings({ ...filled, seedMode: "locked", seedText: "9715432854" });
    expect(segmindSample.ok && segmindSample.settings.seed).toBe(9715432854);
    for (const seedText of ["", "12.5", "-3", "abc"]) {
      const bad = formToSettings({ ...filled, seedMode: "locked", seedText });
      expect(bad.ok).toBe(false);
      expect(!bad.ok && bad.message).toMatch(/seed/);
    }
    const tooBig = formToSettings({ ...filled, seedMode: "locked", seedText: String(MAX_SEED + 1) });
    expect(!tooBig.ok && tooBig.message).toMatch(/seed/);
  });

  it("names the field and its range when a value is out of range", () => {
    const result = formToSettings({ ...filled, steps: 500 });
    expect(!result.ok && result.message).toMatch(/Steps.*20 to 100/);
  });

  it("asks for a prompt in plain words, never with a field path", () => {
    const result = formToSettings({ ...DEFAULT_FORM, prompt: "  " });
    expect(!result.ok && result.message).toMatch(/^Write a prompt/);
    expect(!result.ok && result.message).not.toMatch(/prompt:/);
  });

  it("round-trips used settings into the form with the seed locked (use these settings)", () => {
    const result = formToSettings({ ...filled, steps: 40, useStrength: true, strength: 0.6, depthEnabled: true, depthBlendMode: "screen" });
    if (!result.ok) throw new Error(result.message);
    const form = settingsToForm({ ...result.settings, seed: 77 }, true);
    expect(form).toMatchObject({ prompt: "oil painting", steps: 40, useStrength: true, strength: 0.6, seedMode: "locked", seedText: "77", depthEnabled: true, depthBlendMode: "screen" });
    expect(formToSettings(form)).toEqual({ ok: true, settings: { ...result.settings, seed: 77 } });
  });
});

describe("depthOptionsOf", () => {
  it("takes the depth-layer options from the form without needing a prompt", () => {
    expect(depthOptionsOf({ ...DEFAULT_FORM, prompt: "", depthBlendMode: "screen", depthOpacity: 0.3, depthInvert: true })).toEqual({
      enabled: true,
      blendMode: "screen",
      opacity: 0.3,
      invert: true,
    });
  });
});
