import { expect } from "@jest/globals";
import { TID } from "../../../../src/ui/testids";
import { addedLayers } from "./document";
import { byId, clickWhenEnabled, finishedJobs } from "./panel";
import { selectLayers, snapshot, waitForDocument, type Session } from "./session";

/**
 * Selects one layer, clicks Generate and waits for its result in the document: the job list
 * still shows the previous batch until the new one starts, so the document is what tells.
 */
export async function generateFor(s: Session, label: string): Promise<void> {
  const before = await snapshot(s.page);
  await selectLayers(s.page, [label]);
  await byId(s.panel, TID.selectionSummary).filter({ hasText: "1 layer selected" }).waitFor();
  await clickWhenEnabled(s.panel, TID.generate);
  await waitForDocument(s.page, (doc) => addedLayers(before, doc).some((l) => "dr:v" in l.addOnData), `a result for ${label}`, 1200);
  expect(await finishedJobs(s.panel, 1)).toEqual(["done"]);
}
