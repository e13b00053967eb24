import { TID } from "../../../../src/ui/testids";
import { buildTinyDepthModel } from "../../../fakes/tiny-depth-model";
import { fillText, skipSetup } from "./panel";
import { startSession, type Session } from "./session";

const MODEL_PATH = "/__test/tiny-depth.onnx";

/** A session whose panel uses the tiny brightness depth model, served on the panel's own origin. */
export async function startDepthSession(): Promise<Session> {
  const model = buildTinyDepthModel({ size: { width: 70, height: 42 } });
  const s = await startSession({ panelFiles: { [MODEL_PATH]: { body: model, type: "application/octet-stream" } } });
  await skipSetup(s.panel);
  await fillText(s.panel, TID.depthModelUrl, `${s.harness.panelOrigin}${MODEL_PATH}`);
  return s;
}
