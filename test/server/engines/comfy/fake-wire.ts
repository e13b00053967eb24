import { FormData, request } from "undici";
import { buildDepthWorkflow } from "../../../../src/server/engines/comfy/workflow";
import { DEFAULT_COMFY_MODELS } from "../../../../src/server/engines/comfy/requirements";
import type { FakeComfy } from "../../../fakes/comfyui-server";
import { settings } from "./helpers";

/** Raw HTTP against a fake ComfyUI, for checking its protocol without the engine. Wire JSON is untyped on purpose. */
export type Wire = Record<string, any>;

export function wire(fake: () => FakeComfy) {
  return {
    async get(path: string) {
      const res = await request(`${fake().url}${path}`);
      return { status: res.statusCode, body: (await res.body.json()) as Wire };
    },
    async post(path: string, json: unknown) {
      const res = await request(`${fake().url}${path}`, { method: "POST", body: JSON.stringify(json), headers: { "content-type": "application/json" } });
      const text = await res.body.text();
      return { status: res.statusCode, body: (text ? JSON.parse(text) : undefined) as Wire };
    },
    async upload(name: string, bytes: Uint8Array) {
      const form = new FormData();
      form.set("image", new Blob([new Uint8Array(bytes)], { type: "image/png" }), name);
      const res = await request(`${fake().url}/upload/image`, { method: "POST", body: form });
      return (await res.body.json()) as { name: string; subfolder: string; type: string };
    },
  };
}

export const workflow = (image: string, wantDepth = true) =>
  buildDepthWorkflow({ settings: settings({ steps: 20 }), inputImageName: image, models: DEFAULT_COMFY_MODELS, wantDepth, width: 128, height: 96 });
