import fc from "fast-check";
import { decodeBase64, decodeBase64Payload, decodeBase64Pure, encodeBase64, encodeBase64Pure, isBase64 } from "../../src/core/image-bytes";

/** Byte equality via Buffer: jest's deep equality is far too slow on megabytes. */
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));

describe("base64", () => {
  it("round-trips any bytes, through both the native and the pure codec", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 2048 }), (bytes) => {
        const text = encodeBase64Pure(bytes);
        expect(text).toBe(Buffer.from(bytes).toString("base64"));
        expect(encodeBase64(bytes)).toBe(text);
        expect(same(decodeBase64Pure(text), bytes)).toBe(true);
        expect(same(decodeBase64(text), bytes)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("round-trips the empty array", () => {
    expect(encodeBase64Pure(new Uint8Array())).toBe("");
    expect(decodeBase64Pure("")).toEqual(new Uint8Array());
  });

  it("round-trips a large (5 MB) buffer exactly", () => {
    const bytes = new Uint8Array(5 * 1024 * 1024 + 1);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
    const text = encodeBase64Pure(bytes);
    expect(text).toBe(Buffer.from(bytes).toString("base64"));
    expect(same(decodeBase64Pure(text), bytes)).toBe(true);
    expect(same(decodeBase64(text), bytes)).toBe(true);
  });

  it("accepts missing padding and line breaks", () => {
    expect(new TextDecoder().decode(decodeBase64Pure("aGVs\nbG8"))).toBe("hello");
  });

  it.each(["data:image/png;base64,AAAA", "a*bc", "abcde", "https://x.y/img.png"])("rejects %p instead of decoding garbage", (text) => {
    expect(isBase64(text)).toBe(false);
    expect(() => decodeBase64(text)).toThrow(RangeError);
  });

  it("decodes an image payload with or without a data: prefix, and answers undefined for anything else", () => {
    expect(new TextDecoder().decode(decodeBase64Payload("aGVsbG8="))).toBe("hello");
    expect(new TextDecoder().decode(decodeBase64Payload("data:image/png;base64,aGVsbG8="))).toBe("hello");
    for (const text of ["", "a*bc", "abcde", "https://x.y/img.png"]) expect(decodeBase64Payload(text)).toBeUndefined();
  });
});
