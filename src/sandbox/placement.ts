import { SourceLayerError } from "./errors";
import { placeOverSource } from "./insert-plan";
import { isContainer, type ContainerPort, type NodePort } from "./ports";
import { madeFrom } from "./provenance";

/** The artboard or group holding the source: where its results and backdrops go. */
export function containerOf(source: NodePort): ContainerPort {
  const parent = source.parent;
  if (!isContainer(parent))
    throw new SourceLayerError("The selected item is part of another layer (for example an image's crop frame); select the whole layer and try again.");
  return parent;
}

/** Same centre and on-page rotation as the source, whatever container the node ended up in. */
export function placeOver(node: NodePort, source: NodePort, container: ContainerPort, containerRotation: number): void {
  const at = placeOverSource(node.boundsLocal, source.localPointInNode(source.centerPointLocal, container), source.rotation - containerRotation);
  node.setRotationInParent(at.rotation, at.localCenter);
  node.setPositionInParent(at.containerPoint, at.localCenter);
}

/** The source's siblings, bottom first, each with the source id it was made from (when this add-on made it). */
export function siblingsOf(source: NodePort): { children: readonly NodePort[]; sourceIndex: number; madeFrom: (string | undefined)[] } {
  const children = containerOf(source).children.toArray();
  return { children, sourceIndex: children.indexOf(source), madeFrom: children.map((child) => madeFrom(child.addOnData)) };
}
