import { BadResponseError, ModelMissingError, ValidationError } from "../../../../src/core/errors";
import { promptRejectedError } from "../../../../src/server/engines/comfy/node-errors";
import { comboOptions, NodeInfoSchema, PromptRejectedSchema } from "../../../../src/server/engines/comfy/protocol";

const URL = "http://127.0.0.1:8188";
const parse = (body: unknown) => promptRejectedError(PromptRejectedSchema.parse(body), URL);

describe("ComfyUI 400 bodies → typed errors", () => {
  it("reads the missing node from recent ComfyUI's missing_node_type", () => {
    const error = parse({
      error: { type: "missing_node_type", message: "Node 'Depth Anything V2' not found. The custom node may not be installed.", details: "Node ID '#6'", extra_info: { node_id: "6", class_type: "DepthAnythingV2Preprocessor", node_title: "Depth Anything V2" } },
      node_errors: {},
    });
    expect(error).toBeInstanceOf(ModelMissingError);
    expect((error as ModelMissingError).missing).toEqual(["DepthAnythingV2Preprocessor"]);
  });

  it("reads the missing node from older ComfyUI's invalid_prompt wording and its node_errors list", () => {
    const error = parse({
      error: { type: "invalid_prompt", message: "Cannot execute because node MiDaS-DepthMapPreprocessor does not exist.", details: "Node ID '#6'", extra_info: {} },
      node_errors: [],
    });
    expect((error as ModelMissingError).missing).toEqual(["MiDaS-DepthMapPreprocessor"]);
    expect(error.message).toMatch(/comfyui_controlnet_aux/);
  });

  it("reads a missing file from details when extra_info has no received_value (long lists)", () => {
    const error = parse({
      error: { type: "prompt_outputs_failed_validation", message: "Prompt outputs failed validation", details: "", extra_info: {} },
      node_errors: {
        "8": {
          errors: [{ type: "value_not_in_list", message: "Value not in list", details: "control_net_name: 'depth.safetensors' not in (list of length 31)", extra_info: { input_name: "control_net_name", input_config: null } }],
          dependent_outputs: ["14"],
          class_type: "ControlNetLoader",
        },
      },
    });
    expect(error).toBeInstanceOf(ModelMissingError);
    expect((error as ModelMissingError).missing).toEqual(["depth.safetensors"]);
    expect(error.message).toMatch(/ComfyUI\/models\/controlnet/);
  });

  it("turns other rejected inputs into ValidationError naming node and input", () => {
    const error = parse({
      error: { type: "prompt_outputs_failed_validation", message: "Prompt outputs failed validation", details: "", extra_info: {} },
      node_errors: {
        "12": {
          errors: [{ type: "value_bigger_than_max", message: "Value 120 bigger than max of 100", details: "cfg", extra_info: { input_name: "cfg", received_value: 120 } }],
          dependent_outputs: ["14"],
          class_type: "KSampler",
        },
      },
    });
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toMatch(/KSampler #12 cfg: Value 120 bigger than max of 100/);
  });

  it("keeps a bare string error (very old ComfyUI) readable", () => {
    const error = parse({ error: "no prompt", node_errors: [] });
    expect(error).toBeInstanceOf(BadResponseError);
    expect(error.message).toMatch(/no prompt/);
  });
});

describe("combo inputs in /object_info", () => {
  const node = (spec: unknown[]) => NodeInfoSchema.parse({ name: "X", input: { required: { ckpt_name: spec } } });
  it("reads classic [[...values], opts] and v3 [\"COMBO\", { options }] combos alike", () => {
    expect(comboOptions(node([["a.safetensors", "b.safetensors"], { tooltip: "t" }]), "ckpt_name")).toEqual(["a.safetensors", "b.safetensors"]);
    expect(comboOptions(node(["COMBO", { options: ["c.safetensors"] }]), "ckpt_name")).toEqual(["c.safetensors"]);
    expect(comboOptions(node(["STRING", {}]), "ckpt_name")).toBeUndefined();
    expect(comboOptions(undefined, "ckpt_name")).toBeUndefined();
  });
});
