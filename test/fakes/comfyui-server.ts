/**
 * A faithful stand-in for ComfyUI's server (server.py + execution.py) over real HTTP and
 * WebSocket on 127.0.0.1, for tests of the gateway's ComfyUI engine.
 *
 *   const fake = await startFakeComfy({ stepDelayMs: 5, checkpoints: ["SSD-1B.safetensors"] });
 *   createComfyEngine({ id: "gpu0", url: fake.url, models: … });
 *   fake.prompts     // every workflow POST /prompt accepted: { promptId, clientId, prompt }
 *   fake.rejected    // every 400 body it answered
 *   fake.uploads     // every POST /upload/image: { name, subfolder, type, bytes }
 *   fake.deletes     // prompt ids removed with POST /queue { delete }
 *   fake.interrupts  // bodies of POST /interrupt ({ prompt_id } or {})
 *   fake.set({ stepDelayMs: 200, checkpoints: [] })    // change behaviour at any time
 *   fake.failNext("die" | "dropSocket" | "executionError" | "http500" | "hang")
 *   fake.queue()     // { running, pending } prompt ids;  await fake.close()
 *
 * Routes (also under /api/…): POST /prompt (validates against its /object_info exactly as
 * execution.validate_prompt: unknown class_type → 400 missing_node_type; a model file not in
 * the loader's list → 400 prompt_outputs_failed_validation with node_errors value_not_in_list),
 * POST /upload/image (multipart `image`), GET /view, GET+POST /queue, POST /interrupt,
 * GET /history[/{id}], GET /system_stats, GET /object_info[/{class}], GET /models/{folder},
 * GET /ws?clientId= (status on connect, then execution_start, execution_cached, executing,
 * progress per sampling step (+ binary preview frames), executed, execution_success |
 * execution_error | execution_interrupted, and executing {node:null} once history is written).
 * Prompts run one at a time; unchanged nodes come from ComfyUI's output cache (`cache: false`
 * = --cache-none). SaveImage writes real PNGs: each sample (batch = latent batch) is the
 * negative of its latent source (the scaled input for img2img, else the depth map = grayscale).
 * As strict as the real thing: LoadImage applies EXIF orientation and loads every frame; depth
 * preprocessors answer at their own `resolution` (short side); a linked input a node does not
 * declare raises TypeError; the socket offers permessage-deflate and carries custom nodes' own
 * message types; uncached loaders stay silent for `loadingDelayMs`; `older: true` plays a 2023
 * build (no ControlNet `vae`, no ipndm, denoise 0 → ZeroDivisionError, untargeted /interrupt).
 * Failures, once each: "die" closes the server and every socket at sampling step 2 and stays
 * down; "dropSocket" terminates the job's websocket at step 2 (reconnects are accepted);
 * "executionError" raises in KSampler (CUDA out of memory); "http500" answers the next
 * POST /prompt with aiohttp's 500 page; "hang" never answers the next HTTP request.
 * `websocket: false` refuses every /ws upgrade; `silentSocket: true` accepts it but stays mute.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { nodeDefs, type NodeDef } from "./comfyui/object-info";
import { FakePromptQueue } from "./comfyui/queue";
import { savePath } from "./comfyui/http-util";
import { handleRequest, type FakeState } from "./comfyui/routes";
import { FakeSockets } from "./comfyui/sockets";
import { FAKE_COMFY_DEFAULTS, type FakeComfy, type FakeComfyBehaviour, type FakeComfyFailure } from "./comfyui/types";

export { FAKE_COMFY_DEFAULTS, type FakeComfy, type FakeComfyBehaviour, type FakeComfyFailure } from "./comfyui/types";

export async function startFakeComfy(options: Partial<FakeComfyBehaviour> = {}): Promise<FakeComfy> {
  const behaviour: FakeComfyBehaviour = { ...FAKE_COMFY_DEFAULTS, ...options };
  const failures = new Set<FakeComfyFailure>();
  let lastNode: string | null = null;
  let dead = false;
  const server = createServer((req, res) => void handleRequest(state, req, res));
  const sockets = new FakeSockets(server, () => behaviour.websocket, (sid) => {
    sockets.send(sid, "status", { status: { exec_info: { queue_remaining: state.queue.remaining } }, sid });
    if (state.queue.running?.extra.client_id === sid && lastNode !== null) sockets.send(sid, "executing", { node: lastNode });
  });

  const state: FakeState = {
    behaviour,
    failures,
    inputs: new Map(),
    outputs: new Map(),
    counters: new Map(),
    defs: (): Record<string, NodeDef> => {
      const all = nodeDefs({ checkpoints: behaviour.checkpoints, controlnets: behaviour.controlnets, inputs: [...state.inputs.keys()] }, behaviour.older);
      for (const missing of behaviour.missingNodes) delete all[missing];
      return all;
    },
    queue: new FakePromptQueue({
      sendTo: (clientId, type, data) => {
        if (type === "executing") lastNode = (data["node"] as string | null) ?? null;
        if (!behaviour.silentSocket) sockets.send(clientId, type, data);
      },
      sendBinaryTo: (clientId, frame) => !behaviour.silentSocket && sockets.sendBinary(clientId, frame),
      queueChanged: () => sockets.broadcast("status", { status: { exec_info: { queue_remaining: state.queue.remaining } } }),
      readInput: (name) => state.inputs.get(name),
      save: (prefix, png) => {
        const counter = (state.counters.get(prefix) ?? 0) + 1;
        state.counters.set(prefix, counter);
        const { subfolder, filename } = savePath(prefix, counter);
        state.outputs.set(`${subfolder}/${filename}`, png);
        return { filename, subfolder, type: "output" as const };
      },
      stepDelayMs: () => behaviour.stepDelayMs,
      loadingDelayMs: () => behaviour.loadingDelayMs,
      older: () => behaviour.older,
      defs: () => state.defs(),
      broadcast: (type, data) => !behaviour.silentSocket && sockets.broadcast(type, data),
      caching: () => behaviour.cache,
      beforeStep: async (step) => {
        if (step === 2 && failures.delete("die")) await kill();
        const running = state.queue.running?.extra.client_id;
        if (step === 2 && running && failures.delete("dropSocket")) sockets.drop(running);
        if (step === 1 && failures.delete("executionError"))
          throw new Error("CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 23.65 GiB total capacity)");
      },
    }),
    records: { prompts: [], rejected: [], uploads: [], deletes: [], interrupts: [] },
  };

  async function kill(): Promise<void> {
    if (dead) return;
    dead = true;
    state.queue.stop();
    sockets.closeAll();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ...state.records,
    connections: sockets.connections,
    extensions: sockets.extensions,
    set: (b) => Object.assign(behaviour, b),
    failNext: (f) => void failures.add(f),
    queue: () => ({
      running: state.queue.running ? [state.queue.running.promptId] : [],
      pending: state.queue.pending.map((i) => i.promptId),
    }),
    close: kill,
  };
}
