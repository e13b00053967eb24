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
  const { start: xStart, count: xCount, weights: xWeights, width: xWidth } = taps(sw, dw);
  const { start: yStart, count: yCount, weights: yWeights, width: yWidth } = taps(sh, dh);
  // Horizontal pass: each output column is a weighted sum of a few neighbouring source columns.
  const mid = new Float32Array(dw * sh * channels);
  for (let y = 0; y < sh; y++) {
    const srcRow = y * sw * channels;
    const midRow = y * dw * channels;
    for (let x = 0; x < dw; x++) {
      const first = srcRow + (xStart[x] as number) * channels;
      const n = xCount[x] as number;
      const w0 = x * xWidth;
      for (let c = 0; c < channels; c++) {
        let acc = 0;
        for (let k = 0, at = first + c; k < n; k++, at += channels) acc += (xWeights[w0 + k] as number) * (src[at] as number);
        mid[midRow + x * channels + c] = acc;
      }
    }
  }
  // Vertical pass: whole rows at a time, so the inner loop walks memory contiguously.
  const rowLength = dw * channels;
  const out = new Float32Array(dh * rowLength);
  for (let y = 0; y < dh; y++) {
    const outRow = y * rowLength;
    const n = yCount[y] as number;
    for (let k = 0; k < n; k++) {
      const w = yWeights[y * yWidth + k] as number;
      const midRow = ((yStart[y] as number) + k) * rowLength;
      for (let i = 0; i < rowLength; i++) out[outRow + i] = (out[outRow + i] as number) + w * (mid[midRow + i] as number);
    }
  }
  return out;
}
