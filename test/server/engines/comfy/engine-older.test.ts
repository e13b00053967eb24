import { CancelledError, ModelMissingError } from "../../../../src/core/errors";
import { comfyFeatures } from "../../../../src/server/engines/comfy/capabilities";
import type { ComfyClient } from "../../../../src/server/engines/comfy/client";
import type { Engine } from "../../../../src/server/engines/engine";
import type { FakeComfy } from "../../../fakes/comfyui-server";
import { engineFor, job, runCollect, until, useFakeComfyEngine } from "./helpers";
import { promptRoles, type PromptRoles } from "./prompt-roles";

const inputsOf = (fake: FakeComfy, i: number, role: keyof PromptRoles) => {
  const { prompt } = fake.prompts[i]!;
  return prompt[promptRoles(prompt)[role]!]!.inputs;
};
const idOf = (fake: FakeComfy, i: number, role: keyof PromptRoles) => promptRoles(fake.prompts[i]!.prompt)[role];

describe("ComfyUI engine on an older ComfyUI build (no ControlNet vae input, no ipndm, untargeted /interrupt)", () => {
  let fake: FakeComfy;
  let engine: Engine;
  useFakeComfyEngine({ older: true, stepDelayMs: 20 }, (f, e) => ((fake = f), (engine = e)));

  it("runs a job without the ControlNet `vae` input the build does not declare (passing it raises a TypeError there)", async () => {
    const { error, result } = await runCollect(engine, await job({ wantDepth: false }));
    expect(error).toBeUndefined();
    expect(result?.images).toHaveLength(1);
    expect(inputsOf(fake, 0, "controlnetApply")).not.toHaveProperty("vae");
  });

  it("falls back from ipndm (PNDM) to lms where KSampler does not list it; a recent build gets ipndm", async () => {
    const older = await runCollect(engine, await job({ wantDepth: false, settingsInput: { scheduler: "PNDM" } }));
    expect(older.error).toBeUndefined();
    expect(inputsOf(fake, 0, "sampler")).toMatchObject({ sampler_name: "lms", scheduler: "normal" });
    fake.set({ older: false });
    const recent = await runCollect(engine, await job({ wantDepth: false, settingsInput: { scheduler: "PNDM", seed: 5 } }));
    expect(recent.error).toBeUndefined();
    expect(inputsOf(fake, 1, "sampler")).toMatchObject({ sampler_name: "ipndm" });
    expect(inputsOf(fake, 1, "controlnetApply")["vae"]).toEqual([idOf(fake, 1, "checkpoint"), 2]);
  });

  it("cancelling our queued prompt never interrupts another client's running one", async () => {
    const other = engineFor(fake.url);
    const theirs = runCollect(other, await job({ id: "theirs", settingsInput: { steps: 30, seed: 1 } }));
    await until(() => fake.queue().running.length === 1, "the other client's prompt to run");
    const controller = new AbortController();
    const ours = runCollect(engine, await job({ id: "ours", settingsInput: { seed: 2 } }), controller.signal);
    await until(() => fake.queue().pending.length === 1, "our prompt to wait in ComfyUI's queue");
    controller.abort();
    expect((await ours).error).toBeInstanceOf(CancelledError);
    expect(fake.deletes).toEqual([fake.prompts[1]!.promptId]);
    expect(fake.interrupts).toEqual([]);
    const finished = await theirs;
    expect(finished.error).toBeUndefined();
    expect(finished.result?.images).toHaveLength(1);
    await other.close();
  });

  it("cancelling our running prompt interrupts it, and the other client's queued prompt then runs to the end", async () => {
    const other = engineFor(fake.url);
    const controller = new AbortController();
    const ours = runCollect(engine, await job({ id: "ours", settingsInput: { steps: 40, seed: 3 } }), controller.signal);
    await until(() => fake.queue().running.length === 1, "our prompt to run");
    const theirs = runCollect(other, await job({ id: "theirs", settingsInput: { seed: 4 } }));
    await until(() => fake.queue().pending.length === 1, "the other prompt to wait");
    controller.abort();
    expect((await ours).error).toBeInstanceOf(CancelledError);
    expect(fake.interrupts).toEqual([{ prompt_id: fake.prompts[0]!.promptId }]);
    expect((await theirs).error).toBeUndefined();
    await other.close();
  });
});

describe("comfyFeatures: what /object_info allows", () => {
  /** A ComfyClient answering /object_info/{class} from a table (only nodeInfo is read). */
  const client = (samplers: string[], schedulers: string[]) =>
    ({
      baseUrl: "http://gpu-box:8188",
      nodeInfo: async (cls: string) =>
        cls === "KSampler" ? { name: cls, input: { required: { sampler_name: [samplers], scheduler: [schedulers] } }, output: ["LATENT"], output_node: false } : undefined,
    }) as unknown as ComfyClient;

  it("names the sampler and what to update when neither it nor a fallback is offered", async () => {
    const error = await comfyFeatures(client(["euler"], ["normal"]), "PNDM").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelMissingError);
    expect((error as Error).message).toMatch(/http:\/\/gpu-box:8188 has no "ipndm" sampler, which the "PNDM" scheduler needs\. Update ComfyUI/);
  });

  it("names a missing sigma schedule the same way", async () => {
    const error = await comfyFeatures(client(["dpm_2"], ["normal"]), "DPM2 Karras").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelMissingError);
    expect((error as Error).message).toMatch(/no "karras" sigma schedule/);
  });

  it("leaves the ControlNet vae out when ControlNetApplyAdvanced is not described", async () => {
    expect(await comfyFeatures(client(["uni_pc"], ["normal"]), "UniPC")).toEqual({ sampler: { sampler_name: "uni_pc", scheduler: "normal" }, controlNetVae: false });
  });
});
