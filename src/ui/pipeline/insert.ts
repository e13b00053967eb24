import { BadResponseError, ValidationError } from "../../core/errors";
import { InsertOutcomeSchema, type InsertOutcome } from "../../shared/sandbox-api";
import { buildProvenance } from "../logic/provenance";
import type { PipelineDeps } from "./types";

const mime = (type: string): "image/jpeg" | "image/png" => (type === "image/png" ? "image/png" : "image/jpeg");

/** Inserts a stored result (and its depth map) above its source layer; marks the history entry. */
export async function insertFromHistory(deps: Pick<PipelineDeps, "sandbox" | "history" | "now">, id: string): Promise<InsertOutcome> {
  const [record] = (await deps.history.list()).filter((r) => r.id === id);
  const blobs = await deps.history.blobs(id);
  if (!record || !blobs) throw new ValidationError("That result is no longer in history (it was deleted or evicted).");
  const createdAt = new Date(deps.now()).toISOString();
  const meta = { sourceId: record.sourceId, backend: record.backend, historyId: id, createdAt };
  const { depthLayer } = record.settings;
  const answer: unknown = await deps.sandbox.insertResult({
    sourceId: record.sourceId,
    image: { bytes: await blobs.image.arrayBuffer(), mimeType: mime(record.mimeType) },
    provenance: buildProvenance(record.settings, { kind: "restyle", ...meta }),
    ...(blobs.depth && depthLayer.enabled
      ? {
          depthMap: {
            image: { bytes: await blobs.depth.arrayBuffer(), mimeType: mime(blobs.depth.type) },
            blendMode: depthLayer.blendMode,
            opacity: depthLayer.opacity,
            provenance: buildProvenance(record.settings, { kind: "depth", ...meta }),
          },
        }
      : {}),
  });
  const outcome = InsertOutcomeSchema.safeParse(answer);
  if (!outcome.success) throw new BadResponseError("The document did not confirm the insertion. Check the page, then re-insert from history.");
  await deps.history.update(id, { status: "inserted", ...(outcome.data.resultId ? { insertedId: outcome.data.resultId } : {}), error: undefined });
  return outcome.data;
}
