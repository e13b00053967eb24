import { DEFAULT_FORM } from "../../src/ui/logic/form";
import { describeFormChange } from "../../src/ui/logic/form-change";
import { backendName, formatWhen, layerName, strengthText } from "../../src/ui/logic/wording";

describe("designer wording", () => {
  it("names a layer by its kind and size, never by the SDK's node type", () => {
    expect(layerName({ type: "MediaContainer", size: { width: 840, height: 560.4 } })).toBe("Image 840 × 560");
    expect(layerName({ type: "Text", size: { width: 300, height: 40 } })).toBe("Text 300 × 40");
    expect(layerName({ type: "Ellipse", size: { width: 10, height: 10 } })).toBe("Shape 10 × 10");
    expect(layerName({ type: "SomethingNew", size: { width: 1, height: 2 } })).toBe("Layer 1 × 2");
  });

  it("capitalises product names and writes dates in the host's locale", () => {
    expect(backendName("segmind")).toBe("Segmind");
    expect(backendName("gateway")).toMatch(/ComfyUI/);
    const iso = "2026-12-02T07:48:58.621Z";
    expect(formatWhen(iso, "en-GB")).toBe(new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)));
    expect(formatWhen(iso, "de-DE")).not.toContain("T07");
  });

  it("always shows the strength a request used, the model's default included", () => {
    expect(strengthText(0.2)).toBe("Strength 0.2");
    expect(strengthText(undefined)).toBe("Strength 1 (default)");
  });
});

describe("describeFormChange", () => {
  it("says what “Use these settings” changed, the fixed seed included", () => {
    const before = { ...DEFAULT_FORM, prompt: "a", seedMode: "random" as const };
    const after = { ...before, prompt: "b", useStrength: true, strength: 0.6, seedMode: "locked" as const, seedText: "1234" };
    expect(describeFormChange(before, after)).toBe("Form updated: prompt, strength 0.6 and seed fixed to 1234.");
    expect(describeFormChange(after, after)).toBe("The form already has these settings.");
  });
});
