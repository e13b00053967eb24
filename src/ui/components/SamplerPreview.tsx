import { TID } from "../testids";
import { Thumb } from "./Thumb";

/** The sampler's picture so far, as a thumbnail under a running job (nothing until the worker sends one). */
export function SamplerPreview(props: { preview: Blob | undefined; label: string }) {
  if (!props.preview) return null;
  return (
    <div className="row" data-testid={TID.samplerPreview}>
      <Thumb blob={props.preview} alt={`Preview of ${props.label} while it is generated`} />
    </div>
  );
}
