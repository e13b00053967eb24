import { request } from "undici";
import { startFakeComfy, type FakeComfy } from "../../../fakes/comfyui-server";
import { wire, workflow } from "./fake-wire";
import { inputPng } from "./helpers";
import { promptRoles } from "./prompt-roles";

/** The fake speaks ComfyUI's protocol: checked here on the wire, without the engine. */
describe("fake ComfyUI: HTTP routes and prompt validation", () => {
  let fake: FakeComfy;
  const { get, post, upload } = wire(() => fake);
  beforeEach(async () => {
    fake = await startFakeComfy();
  });
  afterEach(async () => {
    await fake.close();
  });

  it("refuses a cross-origin request on loopback with 403, as origin_only_middleware does", async () => {
    const cross = await request(`${fake.url}/system_stats`, { headers: { origin: "https://new.express.adobe.com" } });
    await cross.body.dump();
    expect(cross.statusCode).toBe(403);
    const same = await request(`${fake.url}/system_stats`, { headers: { origin: fake.url } });
    await same.body.dump();
    expect(same.statusCode).toBe(200);
  });

  it("describes nodes as server.py's node_info does", async () => {
    const { body } = await get("/object_info/KSampler");
    const ks = body["KSampler"];
    expect(ks.input.required.sampler_name[0]).toContain("uni_pc");
    expect(ks.input_order.required[0]).toBe("model");
    expect(ks).toMatchObject({ name: "KSampler", output: ["LATENT"], output_is_list: [false], output_node: false, python_module: "nodes" });
    expect((await get("/object_info/NoSuchNode")).body).toEqual({});
    expect((await get("/api/object_info/SaveImage")).body["SaveImage"].output_node).toBe(true);
  });

  it("names uploads like image_upload(): same bytes keep the name, different bytes get ' (1)'", async () => {
    const a = await inputPng(8, 8);
    const b = await inputPng(9, 9);
    expect(await upload("in.png", a)).toEqual({ name: "in.png", subfolder: "", type: "input" });
    expect((await upload("in.png", a)).name).toBe("in.png");
    expect((await upload("in.png", b)).name).toBe("in (1).png");
    expect((await get("/object_info/LoadImage")).body["LoadImage"].input.required.image[0]).toEqual(["in (1).png", "in.png"]);
  });

  it("rejects an unknown node class with missing_node_type and no node_errors", async () => {
    fake.set({ missingNodes: ["DepthAnythingV2Preprocessor"] });
    const { prompt } = workflow("x.png");
    const preprocessor = promptRoles(prompt).depthSource;
    expect(prompt[preprocessor]!.class_type).toBe("DepthAnythingV2Preprocessor");
    const { status, body } = await post("/prompt", { prompt });
    expect(status).toBe(400);
    expect(body).toEqual({
      error: { type: "missing_node_type", message: "Node 'DepthAnythingV2Preprocessor' not found. The custom node may not be installed.", details: `Node ID '#${preprocessor}'`, extra_info: { node_id: preprocessor, class_type: "DepthAnythingV2Preprocessor", node_title: "DepthAnythingV2Preprocessor" } },
      node_errors: {},
    });
  });

  it("rejects a model file missing from the loader's list with value_not_in_list node_errors", async () => {
    const name = (await upload("in.png", await inputPng())).name;
    fake.set({ checkpoints: ["other.safetensors"] });
    const { prompt } = workflow(name, false);
    const roles = promptRoles(prompt);
    const { status, body } = await post("/prompt", { prompt });
    expect(status).toBe(400);
    expect(body.error.type).toBe("prompt_outputs_failed_validation");
    expect(body.node_errors[roles.checkpoint]).toEqual({
      errors: [{ type: "value_not_in_list", message: "Value not in list", details: "ckpt_name: 'SSD-1B.safetensors' not in ['other.safetensors']", extra_info: { input_name: "ckpt_name", input_config: [["other.safetensors"], { tooltip: "The name of the checkpoint (model) to load." }], received_value: "SSD-1B.safetensors" } }],
      dependent_outputs: [roles.resultSave],
      class_type: "CheckpointLoaderSimple",
    });
    const missingImage = await post("/prompt", { prompt: workflow("nope.png", false).prompt });
    expect(missingImage.body.node_errors[roles.loadImage].errors[0].details).toBe("image - Invalid image file: nope.png");
  });
});
