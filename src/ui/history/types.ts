import { z } from "zod";
import { ErrorPayloadSchema } from "../../core/errors";
import { ResolvedSettingsSchema } from "../../shared/settings";

export const HistoryRecordSchema = z.object({
  id: z.string(),
  createdAt: z.number(),
  kind: z.enum(["restyle", "sweep"]),
  sourceId: z.string(),
  /** The source as the designer knows it ("Image 840 × 560"); absent in entries from older versions. */
  sourceName: z.string().optional(),
  backend: z.enum(["segmind", "gateway"]),
  settings: ResolvedSettingsSchema,
  mimeType: z.string(),
  size: z.object({ width: z.number(), height: z.number() }),
  /** Size of the stored model input (what "regenerate" sends again). */
  modelSize: z.object({ width: z.number(), height: z.number() }).optional(),
  /** Bytes of all blobs of the entry, for the eviction budget. */
  bytes: z.number().nonnegative(),
  hasDepth: z.boolean(),
  status: z.enum(["saved", "inserted", "failed"]),
  error: ErrorPayloadSchema.optional(),
  insertedId: z.string().optional(),
});
export type HistoryRecord = z.infer<typeof HistoryRecordSchema>;

export interface HistoryBlobs {
  image: Blob;
  thumb: Blob;
  /** The model input (cut-out layer), for "regenerate". */
  input?: Blob;
  /** The source's footprint (PNG alpha) when it has see-through pixels: a regenerated result is masked the same way. */
  mask?: Blob;
  depth?: Blob;
}

/** Results kept across panel reloads. Every result is added BEFORE it is inserted. */
export interface HistoryStore {
  /** Newest first. */
  list(): Promise<HistoryRecord[]>;
  /** Stores the entry, then evicts the oldest over budget; returns the evicted ids. */
  add(record: HistoryRecord, blobs: HistoryBlobs): Promise<string[]>;
  update(id: string, patch: Partial<Pick<HistoryRecord, "status" | "error" | "insertedId">>): Promise<HistoryRecord | undefined>;
  blobs(id: string): Promise<HistoryBlobs | undefined>;
  /** Adds the depth map made after the result was saved. */
  setDepth(id: string, depth: Blob): Promise<void>;
  remove(id: string): Promise<void>;
}

export const blobsSize = (b: HistoryBlobs): number => b.image.size + b.thumb.size + (b.input?.size ?? 0) + (b.mask?.size ?? 0) + (b.depth?.size ?? 0);
