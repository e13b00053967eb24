/** Opens tiny models on onnxruntime-node's CPU provider through the production session wrapper. */
import * as ort from "onnxruntime-node";
import { openDepthSession, type DepthSession } from "../../../../src/core/depth/ort-session";

export const nodeOrt = ort;
export const openOnNode = (bytes: Uint8Array): Promise<DepthSession> => openDepthSession(ort, bytes, ["cpu"]);
