import { useEffect, useState } from "react";

/** Shows a Blob as an image, revoking its object URL when it goes away. */
export function Thumb(props: { blob: Blob | undefined; alt: string; className?: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!props.blob) return setUrl(null);
    const next = URL.createObjectURL(props.blob);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [props.blob]);
  return url ? <img className={props.className ?? "thumb"} src={url} alt={props.alt} /> : <div className={`${props.className ?? "thumb"} placeholder`} aria-label={props.alt} />;
}
