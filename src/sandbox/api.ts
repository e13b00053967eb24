import { z } from "zod";
import { ValidationError } from "../core/errors";
import { BeginReadRequestSchema, InsertDepthRequestSchema, InsertResultRequestSchema, InsertSlicesRequestSchema, type SandboxApi } from "../shared/sandbox-api";
import { describeIssues } from "../shared/settings";
import { createDocumentEdits, type EditDeps } from "./document-edits";
import { renderLayer } from "./layer-rendition";
import { createReadIsolation } from "./read-isolation";

const SourceRequestSchema = z.object({ sourceId: z.string() });

/** Parses what crossed the runtime bridge, once; a malformed request names every bad field. */
function parse<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success)
    throw new ValidationError(`Invalid ${what} — ${describeIssues(result.error)}. The panel and the document code disagree; reload the add-on and try again.`);
  return result.data;
}

/** The SandboxApi exposed to the panel: untrusted input in, parsed requests to the document edits. */
export function createSandboxApi(deps: EditDeps): SandboxApi {
  const edits = createDocumentEdits(deps);
  const reads = createReadIsolation(deps.editor);
  return {
    async getSelection() {
      return edits.getSelection();
    },
    async insertResult(request: unknown) {
      return edits.insertResult(parse(InsertResultRequestSchema, request, "insert request"));
    },
    async insertDepth(request: unknown) {
      return edits.insertDepth(parse(InsertDepthRequestSchema, request, "depth layer request"));
    },
    async insertSlices(request: unknown) {
      return edits.insertSlices(parse(InsertSlicesRequestSchema, request, "depth slices request"));
    },
    async beginRead(request: unknown) {
      return reads.begin(parse(BeginReadRequestSchema, request, "layer read request"));
    },
    async endRead() {
      return reads.end();
    },
    async renderLayer(request: unknown) {
      return renderLayer(deps, parse(SourceRequestSchema, request, "layer rendition request").sourceId);
    },
  };
}
