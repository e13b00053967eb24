import { parseSettings } from "../../src/core/errors";
import { SegmindBodySchema, toSegmindBody } from "../../src/shared/segmind-body";
import { resolveSeed, type GenerationSettingsInput } from "../../src/shared/settings";

const resolved = (input: GenerationSettingsInput) => resolveSeed(parseSettings(input), () => 0.25);

describe("toSegmindBody", () => {
  it("maps every setting onto Segmind's snake_case field", () => {
    const body = toSegmindBody(
      resolved({ prompt: "ink", negativePrompt: "blur", steps: 40, guidanceScale: 6, seed: 9, controlScale: 0.3, scheduler: "Heun", samples: 2 }),
      "QUJD",
      true,
    );
    expect(body).toEqual({
      image: "QUJD",
      prompt: "ink",
      negative_prompt: "blur",
      samples: 2,
      scheduler: "Heun",
      num_inference_steps: 40,
      guidance_scale: 6,
      controlnet_scale: 0.3,
      seed: 9,
      base64: true,
    });
    expect(SegmindBodySchema.parse(body)).toEqual(body);
  });

  it("sends the resolved number for a random seed, never -1", () => {
    expect(toSegmindBody(resolved({ prompt: "x" }), "QUJD", false).seed).toBe(2 ** 51);
  });

  it("sends strength only when it was set", () => {
    expect("strength" in toSegmindBody(resolved({ prompt: "x" }), "QUJD", false)).toBe(false);
    expect(toSegmindBody(resolved({ prompt: "x", strength: 0.4 }), "QUJD", false).strength).toBe(0.4);
  });

  it("passes unknown advanced fields through, but never lets them override the endpoint's own fields", () => {
    const body = toSegmindBody(resolved({ prompt: "x", advanced: { clip_skip: 2, strength: "high", image: "evil", seed: 1 } }), "QUJD", false);
    expect(body.clip_skip).toBe(2);
    expect(body.image).toBe("QUJD");
    expect(body.seed).toBe(2 ** 51);
    expect("strength" in body).toBe(false);
    expect(SegmindBodySchema.safeParse(body).success).toBe(true);
  });
});

describe("SegmindBodySchema", () => {
  it("fills Segmind's documented defaults", () => {
    expect(SegmindBodySchema.parse({ image: "QUJD", prompt: "x" })).toEqual({
      image: "QUJD",
      prompt: "x",
      negative_prompt: "",
      samples: 1,
      scheduler: "UniPC",
      num_inference_steps: 25,
      guidance_scale: 7.5,
      controlnet_scale: 0.5,
      seed: -1,
      base64: false,
    });
  });

  it.each([
    [{ prompt: "x" }, "image"],
    [{ image: "QUJD", prompt: " " }, "prompt"],
    [{ image: "QUJD", prompt: "x", samples: 5 }, "samples"],
    [{ image: "QUJD", prompt: "x", scheduler: "Euler A" }, "scheduler"],
    [{ image: "QUJD", prompt: "x", num_inference_steps: 10 }, "num_inference_steps"],
    [{ image: "QUJD", prompt: "x", seed: -2 }, "seed"],
    [{ image: "QUJD", prompt: "x", extra: { nested: true } }, "extra"],
  ])("rejects %p at field %s", (body, field) => {
    const result = SegmindBodySchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toContain(field);
  });
});
