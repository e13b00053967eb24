import type { CompositionScore } from "../../core/depth/score";
import { TID } from "../testids";

/** "Layout kept 92 %" or a warning when the restyle moved near and far things around. */
export function ScoreBadge(props: { score: CompositionScore | undefined }) {
  const { score } = props;
  if (!score) return null;
  const percent = Math.round(Math.max(0, score.score) * 100);
  return (
    <span
      className={`score ${score.drifted ? "bad" : "good"}`}
      data-testid={TID.compositionScore}
      data-drifted={score.drifted}
      data-score={score.score.toFixed(3)}
      title="How closely this result's depth follows the original layer's depth (100 % = same layout)."
    >
      {score.drifted ? `⚠ Composition drifted (${percent} %)` : `Layout kept ${percent} %`}
    </span>
  );
}
