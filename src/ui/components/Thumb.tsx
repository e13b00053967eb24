import { useEffect, useState } from "react";
import type { TestId } from "../testids";

/** Shows a Blob as an image, revoking its object URL when it goes away. */
export function Thumb(props: { blob: Blob | undefined; alt: string; className?: string; testId?: TestId }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!props.blob) return setUrl(null);
    const next = URL.createObjectURL(props.blob);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [props.blob]);
  const className = props.className ?? "thumb";
  return url ? (
    <img className={className} src={url} alt={props.alt} data-testid={props.testId} />
  ) : (
    <div className={`${className} placeholder`} role="img" aria-label={props.alt} data-testid={props.testId} />
  );
}
