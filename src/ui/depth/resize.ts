/**
 * Separable resampling with a triangle (bilinear) kernel whose support widens when shrinking,
 * so downscaling averages every source pixel instead of aliasing (the same idea as PIL's
 * antialiased bilinear). Works on interleaved channels; returns float samples.
 */
export type Samples = ArrayLike<number>;

interface Taps {
  start: Int32Array;
  count: Int32Array;
  weights: Float32Array;
  width: number;
}

function taps(inSize: number, outSize: number): Taps {
  const scale = inSize / outSize;
  const support = Math.max(1, scale);
  // Source pixels i with |i + 0.5 − center| ≤ support; never more than this many.
  const width = Math.floor(2 * support) + 1;
  const start = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float32Array(outSize * width);
  for (let o = 0; o < outSize; o++) {
    const center = (o + 0.5) * scale;
    const first = Math.max(0, Math.ceil(center - support - 0.5));
    const last = Math.min(inSize - 1, Math.floor(center + support - 0.5));
    let total = 0;
    for (let i = first; i <= last; i++) {
      const w = 1 - Math.abs((i + 0.5 - center) / support);
      weights[o * width + i - first] = w;
      total += w;
    }
    // The nearest source pixel is always within half a pixel of `center`, so total > 0.
    for (let i = first; i <= last; i++) weights[o * width + i - first] = (weights[o * width + i - first] as number) / total;
    start[o] = first;
    count[o] = last - first + 1;
  }
  return { start, count, weights, width };
}

/** Resamples `src` (sw×sh, `channels` interleaved) to dw×dh. */
export function resample(src: Samples, sw: number, sh: number, channels: number, dw: number, dh: number): Float32Array {
  if (src.length !== sw * sh * channels) throw new RangeError(`expected ${sw * sh * channels} samples, got ${src.length}`);
  if (dw < 1 || dh < 1 || sw < 1 || sh < 1) throw new RangeError("image sizes must be at least 1×1");
  const tx = taps(sw, dw);
  const ty = taps(sh, dh);
  const mid = new Float32Array(dw * sh * channels);
  for (let y = 0; y < sh; y++) {
    for (let x = 0; x < dw; x++) {
      const s = tx.start[x] as number;
      const n = tx.count[x] as number;
      for (let c = 0; c < channels; c++) {
        let acc = 0;
        for (let k = 0; k < n; k++) acc += (tx.weights[x * tx.width + k] as number) * (src[((y * sw) + s + k) * channels + c] as number);
        mid[(y * dw + x) * channels + c] = acc;
      }
    }
  }
  const out = new Float32Array(dw * dh * channels);
  for (let y = 0; y < dh; y++) {
    const s = ty.start[y] as number;
    const n = ty.count[y] as number;
    for (let x = 0; x < dw; x++) {
      for (let c = 0; c < channels; c++) {
        let acc = 0;
        for (let k = 0; k < n; k++) acc += (ty.weights[y * ty.width + k] as number) * (mid[((s + k) * dw + x) * channels + c] as number);
        out[(y * dw + x) * channels + c] = acc;
      }
    }
  }
  return out;
}
