import { useEffect, useRef } from "react";
import { applyDepthEdit } from "../../core/depth/edit";
import { bandOf } from "../../core/depth/slices";
import type { DepthEdit } from "../../shared/depth-edit";
import type { DepthThumb } from "../pipeline/preview";
import { TID } from "../testids";

/** Slice colours, nearest first: warm in front, cool behind, so the order reads at a glance. */
const BAND_COLOURS: readonly (readonly [number, number, number])[] = [
  [239, 83, 80],
  [255, 167, 38],
  [255, 238, 88],
  [102, 187, 106],
  [38, 198, 218],
  [66, 165, 245],
  [126, 87, 194],
  [120, 144, 156],
];

function paint(canvas: HTMLCanvasElement | null, thumb: DepthThumb, colour: (v: number) => readonly [number, number, number]): void {
  const ctx = canvas?.getContext("2d");
  if (!canvas || !ctx) return;
  canvas.width = thumb.width;
  canvas.height = thumb.height;
  const image = ctx.createImageData(thumb.width, thumb.height);
  for (let i = 0; i < thumb.values.length; i++) {
    const [r, g, b] = colour(Math.round((thumb.values[i] as number) * 255));
    image.data.set([r, g, b, 255], i * 4);
  }
  ctx.putImageData(image, 0, 0);
}

/** The edited depth map and the slices it would make, redrawn on every edit without running the model. */
export function DepthPreview(props: { thumb: DepthThumb; edit: DepthEdit; count: number }) {
  const depthRef = useRef<HTMLCanvasElement>(null);
  const bandsRef = useRef<HTMLCanvasElement>(null);
  const { thumb, edit, count } = props;
  useEffect(() => {
    const edited = { ...thumb, values: applyDepthEdit(thumb.values, thumb, edit) };
    paint(depthRef.current, edited, (v) => [v, v, v]);
    // Slices follow true nearness whatever the invert switch says.
    const near = edit.invert ? { ...thumb, values: applyDepthEdit(thumb.values, thumb, { ...edit, invert: false }) } : edited;
    paint(bandsRef.current, near, (v) => BAND_COLOURS[bandOf(v, count)] ?? [0, 0, 0]);
  }, [thumb, edit, count]);
  return (
    <div className="row depth-previews">
      <figure>
        <canvas ref={depthRef} className="thumb" data-testid={TID.depthPreview} aria-label="Depth map preview: white is near" />
        <figcaption className="hint">Depth (white = {edit.invert ? "far" : "near"})</figcaption>
      </figure>
      <figure>
        <canvas ref={bandsRef} className="thumb" data-testid={TID.slicePreview} aria-label={`Preview of ${count} slices, red nearest`} />
        <figcaption className="hint">{count} slices (red = nearest)</figcaption>
      </figure>
    </div>
  );
}
