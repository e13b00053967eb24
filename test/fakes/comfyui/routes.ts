/** The fake ComfyUI's HTTP routes, answering as server.py's aiohttp handlers do. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import type { FakeComfyBehaviour, FakeComfyFailure } from "./types";
import { json, originRejected, readBody, readForm, text, uploadName } from "./http-util";
import { nodeInfo, type NodeDef } from "./object-info";
import type { FakePromptQueue } from "./queue";
import { validatePrompt, type ApiPrompt } from "./validate";

export interface FakeRecords {
  prompts: { promptId: string; clientId?: string; number: number; prompt: ApiPrompt & Record<string, { class_type: string; inputs: Record<string, unknown> }> }[];
  rejected: unknown[];
  uploads: { name: string; subfolder: string; type: string; bytes: Uint8Array }[];
  deletes: string[];
  interrupts: Record<string, unknown>[];
}

export interface FakeState {
  behaviour: FakeComfyBehaviour;
  failures: Set<FakeComfyFailure>;
  inputs: Map<string, Uint8Array>;
  outputs: Map<string, Buffer>;
  counters: Map<string, number>;
  defs(): Record<string, NodeDef>;
  queue: FakePromptQueue;
  records: FakeRecords;
}

const queueTuple = (i: { number: number; promptId: string; prompt: unknown; extra: unknown; outputs: string[] }) => [i.number, i.promptId, i.prompt, i.extra, i.outputs];

export async function handleRequest(state: FakeState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const path = url.pathname.replace(/^\/api(?=\/)/, "");
  const route = `${req.method} ${path}`;
  const { queue, records } = state;
  // A frozen ComfyUI: the request is read but never answered (the socket closes with the server).
  if (state.failures.delete("hang")) return;
  if (originRejected(req)) return text(res, 403);
  try {
    if (route === "POST /prompt") return await postPrompt(state, req, res);
    if (route === "POST /upload/image") return await upload(state, req, res);
    if (route === "GET /queue")
      return json(res, 200, { queue_running: queue.running ? [queueTuple(queue.running)] : [], queue_pending: queue.pending.map(queueTuple) });
    if (route === "POST /queue") {
      const body = JSON.parse((await readBody(req)).toString("utf8") || "{}") as { delete?: string[]; clear?: boolean };
      if (body.clear) queue.pending.splice(0).forEach((i) => records.deletes.push(i.promptId));
      for (const id of body.delete ?? []) if (queue.delete(id)) records.deletes.push(id);
      return text(res, 200);
    }
    if (route === "POST /interrupt") {
      const raw = (await readBody(req)).toString("utf8");
      const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
      records.interrupts.push(body);
      queue.interrupt(typeof body["prompt_id"] === "string" ? body["prompt_id"] : undefined);
      return text(res, 200);
    }
    if (route === "GET /history") return json(res, 200, Object.fromEntries(queue.history));
    if (req.method === "GET" && path.startsWith("/history/")) {
      const id = decodeURIComponent(path.slice("/history/".length));
      const item = queue.history.get(id);
      return json(res, 200, item ? { [id]: item } : {});
    }
    if (route === "GET /view") return view(state, url, res);
    if (route === "GET /system_stats") return json(res, 200, systemStats(state.behaviour));
    if (route === "GET /object_info") return json(res, 200, Object.fromEntries(Object.entries(state.defs()).map(([n, d]) => [n, nodeInfo(n, d)])));
    if (req.method === "GET" && path.startsWith("/object_info/")) {
      const name = decodeURIComponent(path.slice("/object_info/".length));
      const def = state.defs()[name];
      return json(res, 200, def ? { [name]: nodeInfo(name, def) } : {});
    }
    if (route === "GET /models/checkpoints") return json(res, 200, state.behaviour.checkpoints);
    if (route === "GET /models/controlnet") return json(res, 200, state.behaviour.controlnets);
    return text(res, 404, "404: Not Found");
  } catch (error) {
    return text(res, 500, `500 Internal Server Error\n\nServer got itself in trouble: ${String(error)}`);
  }
}

async function postPrompt(state: FakeState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = JSON.parse((await readBody(req)).toString("utf8")) as { prompt?: ApiPrompt; client_id?: string; prompt_id?: string; number?: number };
  if (state.failures.delete("http500")) return text(res, 500, "500 Internal Server Error\n\nServer got itself in trouble");
  const n = body.number ?? state.counters.get("\0prompt") ?? 0;
  if (body.number === undefined) state.counters.set("\0prompt", n + 1);
  if (!body.prompt || typeof body.prompt !== "object") {
    const rejected = { error: { type: "no_prompt", message: "No prompt provided", details: "No prompt provided", extra_info: {} }, node_errors: {} };
    state.records.rejected.push(rejected);
    return json(res, 400, rejected);
  }
  const result = validatePrompt(body.prompt, state.defs(), [...state.inputs.keys()]);
  if (!result.ok) {
    const rejected = { error: result.error, node_errors: result.nodeErrors };
    state.records.rejected.push(rejected);
    return json(res, 400, rejected);
  }
  const promptId = body.prompt_id ?? randomUUID();
  const extra = body.client_id ? { client_id: body.client_id } : {};
  state.records.prompts.push({ promptId, clientId: body.client_id, number: n, prompt: body.prompt as FakeRecords["prompts"][number]["prompt"] });
  state.queue.put({ number: n, promptId, prompt: body.prompt, extra, outputs: result.outputs });
  return json(res, 200, { prompt_id: promptId, number: n, node_errors: result.nodeErrors });
}

async function upload(state: FakeState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const form = await readForm(req);
  const image = form.get("image");
  if (!(image instanceof File) || !image.name) return text(res, 400);
  const type = String(form.get("type") ?? "input");
  const subfolder = String(form.get("subfolder") ?? "");
  if (type !== "input" || subfolder.includes("..")) return text(res, 400);
  const bytes = new Uint8Array(await image.arrayBuffer());
  const overwrite = ["true", "1"].includes(String(form.get("overwrite") ?? ""));
  const key = (name: string) => (subfolder ? `${subfolder}/${name}` : name);
  const name = uploadName((n) => state.inputs.get(key(n)), image.name, bytes, overwrite);
  state.inputs.set(key(name), bytes);
  state.records.uploads.push({ name, subfolder, type, bytes });
  return json(res, 200, { name, subfolder, type });
}

function view(state: FakeState, url: URL, res: ServerResponse): void {
  const filename = url.searchParams.get("filename");
  if (!filename) return text(res, 404);
  if (filename.startsWith("/") || filename.includes("..")) return text(res, 400);
  const type = url.searchParams.get("type") ?? "output";
  const subfolder = url.searchParams.get("subfolder") ?? "";
  const bytes = type === "output" ? state.outputs.get(`${subfolder}/${filename}`) : state.inputs.get(subfolder ? `${subfolder}/${filename}` : filename);
  if (!bytes) return text(res, 404);
  res.writeHead(200, { "content-type": "image/png", "content-disposition": `filename="${filename}"` });
  res.end(bytes);
}

function systemStats(b: FakeComfyBehaviour) {
  return {
    system: {
      os: "posix", ram_total: 67324309504, ram_free: 51204337664, comfyui_version: b.comfyuiVersion,
      python_version: "3.12.3 (main, Apr 10 2024, 05:33:47) [GCC 13.2.0]", pytorch_version: "2.7.0+cu126",
      embedded_python: false, argv: ["main.py", "--listen", "127.0.0.1"],
    },
    devices: b.devices.map((d, index) => ({ ...d, type: "cuda", index, torch_vram_total: d.vram_total, torch_vram_free: d.vram_free })),
  };
}
