/**
 * Just enough of the ONNX protobuf schema (onnx/onnx.proto, proto2) to write small models:
 * ModelProto → GraphProto → NodeProto / TensorProto / ValueInfoProto. Field numbers follow the
 * published schema; repeated scalars are written unpacked, which every protobuf parser accepts.
 */

type Field = Uint8Array;

function varint(value: number | bigint): number[] {
  // int64 fields: negative numbers take ten bytes in two's complement.
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return out;
}

const key = (field: number, wire: 0 | 2 | 5): number[] => varint((field << 3) | wire);

export const intField = (field: number, value: number | bigint): Field => Uint8Array.from([...key(field, 0), ...varint(value)]);

export function bytesField(field: number, payload: Uint8Array): Field {
  const head = [...key(field, 2), ...varint(payload.length)];
  const out = new Uint8Array(head.length + payload.length);
  out.set(head);
  out.set(payload, head.length);
  return out;
}

export const stringField = (field: number, text: string): Field => bytesField(field, new TextEncoder().encode(text));

export function floatField(field: number, value: number): Field {
  const out = new Uint8Array([...key(field, 5), 0, 0, 0, 0]);
  new DataView(out.buffer).setFloat32(out.length - 4, value, true);
  return out;
}

export function message(...fields: readonly Field[]): Uint8Array {
  const out = new Uint8Array(fields.reduce((n, f) => n + f.length, 0));
  let at = 0;
  for (const f of fields) {
    out.set(f, at);
    at += f.length;
  }
  return out;
}

export const DataType = { FLOAT: 1, INT64: 7 } as const;
const AttributeType = { FLOAT: 1, INT: 2, INTS: 7 } as const;

export type Attribute = { name: string } & ({ int: number } | { ints: readonly number[] } | { float: number });

function attribute(a: Attribute): Field {
  if ("int" in a) return bytesField(5, message(stringField(1, a.name), intField(20, AttributeType.INT), intField(3, a.int)));
  if ("float" in a) return bytesField(5, message(stringField(1, a.name), intField(20, AttributeType.FLOAT), floatField(2, a.float)));
  return bytesField(5, message(stringField(1, a.name), intField(20, AttributeType.INTS), ...a.ints.map((i) => intField(8, i))));
}

export interface NodeSpec {
  op: string;
  inputs: readonly string[];
  outputs: readonly string[];
  attributes?: readonly Attribute[];
}

const node = (n: NodeSpec, index: number): Field =>
  bytesField(1, message(...n.inputs.map((i) => stringField(1, i)), ...n.outputs.map((o) => stringField(2, o)), stringField(3, `${n.op}_${index}`), stringField(4, n.op), ...(n.attributes ?? []).map(attribute)));

export type Initializer = { name: string; dims: readonly number[] } & ({ float32: Float32Array } | { int64: BigInt64Array });

function initializer(t: Initializer): Field {
  const data = "float32" in t ? t.float32 : t.int64;
  const raw = new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)); // little-endian hosts
  const type = "float32" in t ? DataType.FLOAT : DataType.INT64;
  return bytesField(5, message(...t.dims.map((d) => intField(1, d)), intField(2, type), stringField(8, t.name), bytesField(9, raw)));
}

/** A float tensor's declared shape: numbers are fixed dims, strings are symbolic (dynamic) dims. */
export type Dim = number | string;

function valueInfo(field: 11 | 12, name: string, dims: readonly Dim[]): Field {
  const shape = message(...dims.map((d) => bytesField(1, typeof d === "number" ? intField(1, d) : stringField(2, d))));
  const tensorType = message(intField(1, DataType.FLOAT), bytesField(2, shape));
  return bytesField(field, message(stringField(1, name), bytesField(2, bytesField(1, tensorType))));
}

export interface GraphSpec {
  input: { name: string; dims: readonly Dim[] };
  output: { name: string; dims: readonly Dim[] };
  nodes: readonly NodeSpec[];
  initializers: readonly Initializer[];
  opset: number;
}

export function encodeModel(g: GraphSpec): Uint8Array {
  const graph = message(
    ...g.nodes.map(node),
    stringField(2, "tiny_depth"),
    ...g.initializers.map(initializer),
    valueInfo(11, g.input.name, g.input.dims),
    valueInfo(12, g.output.name, g.output.dims),
  );
  const opset = message(stringField(1, ""), intField(2, g.opset));
  return message(intField(1, 8), stringField(2, "depth-restyle-tests"), bytesField(7, graph), bytesField(8, opset));
}
