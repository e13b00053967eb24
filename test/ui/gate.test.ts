import type { Provenance } from "../../src/shared/sandbox-api";
import { DEFAULT_FORM, formToSettings } from "../../src/ui/logic/form";
import { panelRules, type RuleInput } from "../../src/ui/logic/gate";

const ready: RuleInput = {
  connected: true,
  selectedLayers: 1,
  form: formToSettings({ ...DEFAULT_FORM, prompt: "oil painting" }),
  backendProblem: null,
  busy: false,
  depthProblem: null,
  provenance: undefined,
  sourceInHistory: false,
};
const result: Provenance = { v: 1, kind: "restyle", sourceId: "src", backend: "segmind", historyId: "h1", truncated: false, createdAt: "2026-12-02T07:48:58.621Z", settings: { prompt: "x", seed: 5 } };

describe("panelRules", () => {
  it("lets a complete request run and shows no hint", () => {
    const rules = panelRules(ready);
    expect(rules.generate).toBeNull();
    expect(rules.sweep).toBeNull();
    expect(rules.depth).toBeNull();
    expect(rules.hint).toBeNull();
  });

  it("explains each missing piece, most basic first, and the hint is that same sentence", () => {
    const cases: [Partial<RuleInput>, RegExp][] = [
      [{ connected: false }, /Connecting/],
      [{ busy: true }, /running/],
      [{ selectedLayers: 0 }, /Select one or more layers/],
      [{ form: formToSettings(DEFAULT_FORM) }, /^Write a prompt/],
      [{ backendProblem: "Paste your Segmind API key to generate (Generator settings)." }, /API key/],
    ];
    for (const [patch, reason] of cases) {
      const rules = panelRules({ ...ready, ...patch });
      expect(rules.generate).toMatch(reason);
      expect(rules.hint).toBe(rules.generate);
    }
  });

  it("keeps Add depth layer open without a prompt or a key, and names its own problem when Generate can run", () => {
    expect(panelRules({ ...ready, form: formToSettings(DEFAULT_FORM), backendProblem: "no key" }).depth).toBeNull();
    const rules = panelRules({ ...ready, depthProblem: "The depth model web address is not a web address: enter it like https://host:port" });
    expect(rules.depth).toMatch(/depth model/);
    expect(rules.hint).toBe(rules.depth);
  });

  it("notes that a sweep uses the first of several selected layers, as the only hint", () => {
    expect(panelRules({ ...ready, selectedLayers: 3 }).hint).toMatch(/first selected layer/);
  });

  it("regenerates a result only while its source pixels are in history", () => {
    expect(panelRules({ ...ready, provenance: result, sourceInHistory: true }).regenerate).toBeNull();
    expect(panelRules({ ...ready, provenance: result }).regenerate).toMatch(/no longer in this computer's history/);
    expect(panelRules({ ...ready, provenance: { ...result, kind: "depth" } }).regenerate).toMatch(/Add depth layer/);
    expect(panelRules({ ...ready, provenance: result, sourceInHistory: true, busy: true }).regenerate).toMatch(/running/);
  });
});
