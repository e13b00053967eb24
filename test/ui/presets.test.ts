import { DEFAULT_FORM } from "../../src/ui/logic/form";
import { parsePresets, removePreset, upsertPreset } from "../../src/ui/logic/presets";

describe("presets", () => {
  it("saves, replaces by name (ignoring case), sorts and deletes", () => {
    let list = upsertPreset([], "Watercolor", { ...DEFAULT_FORM, prompt: "watercolor" });
    list = upsertPreset(list, "Clay", { ...DEFAULT_FORM, prompt: "clay" });
    list = upsertPreset(list, "watercolor", { ...DEFAULT_FORM, prompt: "watercolor v2" });
    expect(list.map((p) => [p.name, p.form.prompt])).toEqual([
      ["Clay", "clay"],
      ["watercolor", "watercolor v2"],
    ]);
    expect(removePreset(list, "Clay").map((p) => p.name)).toEqual(["watercolor"]);
  });

  it("refuses an empty name", () => {
    expect(() => upsertPreset([], "   ", DEFAULT_FORM)).toThrow();
  });

  it("loads what it stored and skips entries that no longer parse", () => {
    const stored = JSON.parse(JSON.stringify(upsertPreset([], "Ink", DEFAULT_FORM)));
    expect(parsePresets([...stored, { name: "broken", form: { steps: "many" } }, 42])).toEqual(stored);
    expect(parsePresets("garbage")).toEqual([]);
  });
});
