import { lookup as dnsLookup } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { Agent, request, type Dispatcher } from "undici";
import { ValidationError } from "../../core/errors";

/** Loopback, private, link-local, carrier-grade NAT, multicast and reserved ranges: never fetched for a caller unless allowed. */
export function privateAddresses(): BlockList {
  const list = new BlockList();
  for (const [net, prefix] of [["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12], ["192.168.0.0", 16], ["224.0.0.0", 3]] as const)
    list.addSubnet(net, prefix, "ipv4");
  for (const [net, prefix] of [["::", 127], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["64:ff9b::", 96], ["2001:db8::", 32]] as const) list.addSubnet(net, prefix, "ipv6");
  return list;
}

export interface ImageUrlOptions {
  /** Addresses refused after DNS resolution and on every redirect; undefined allows all (--allow-private-image-urls). */
  blocked: BlockList | undefined;
  maxBytes: number;
  timeoutMs: number;
  maxRedirects?: number;
}

const refusedAddress = (address: string): ValidationError =>
  new ValidationError(`image: the URL leads to a private or local address (${address}), which this gateway does not fetch. Send the image as base64, or start the gateway with --allow-private-image-urls.`);

/** An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is checked as the IPv4 address it carries. */
function isBlocked(blocked: BlockList, address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return blocked.check(mapped, "ipv4");
  return blocked.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

/** An undici agent whose DNS answers are screened at connect time, so a name cannot resolve to a private address. */
function screeningAgent(blocked: BlockList): Agent {
  const lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const bad = addresses.find((a) => isBlocked(blocked, a.address));
      if (bad) return callback(refusedAddress(`${hostname} → ${bad.address}`), []);
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new Error(`${hostname} has no address`), []);
      callback(null, first.address, first.family);
    });
  };
  return new Agent({ connect: { lookup } });
}

function parseHttpUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ValidationError(`image: "${text.slice(0, 100)}" is not a URL or base64 image data.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ValidationError(`image: only http(s) URLs are fetched, not ${url.protocol}`);
  if (url.username || url.password) throw new ValidationError("image: URLs with a user name or password are not fetched.");
  return url;
}

const mb = (bytes: number): string => (bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${bytes} bytes`);

async function readCapped(body: Dispatcher.ResponseData["body"], maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      body.destroy();
      throw new ValidationError(`image: the file at the URL is larger than ${mb(maxBytes)}. Send a smaller image.`);
    }
    chunks.push(chunk);
  }
  const all = Buffer.concat(chunks, total);
  return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
}

/**
 * Downloads a caller's image URL as Segmind's API does, but for a gateway on a hostile network:
 * http(s) only, redirects followed by hand (each hop checked again), private addresses refused
 * after DNS resolution, the size and the whole download time capped. Every failure is a 400.
 */
export async function fetchImageUrl(text: string, options: ImageUrlOptions, signal?: AbortSignal): Promise<Uint8Array> {
  const agent = options.blocked ? screeningAgent(options.blocked) : new Agent();
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const aborted = signal ? AbortSignal.any([signal, deadline]) : deadline;
  let url = parseHttpUrl(text);
  try {
    for (let hop = 0; ; hop++) {
      const literal = url.hostname.replace(/^\[|\]$/g, "");
      if (options.blocked && isIP(literal) && isBlocked(options.blocked, literal)) throw refusedAddress(literal);
      const res = await request(url, { method: "GET", dispatcher: agent, signal: aborted, headers: { accept: "image/*" } });
      if (res.statusCode >= 300 && res.statusCode < 400 && res.headers.location) {
        await res.body.dump();
        if (hop >= (options.maxRedirects ?? 5)) throw new ValidationError("image: the URL redirects too many times.");
        url = parseHttpUrl(new URL(String(res.headers.location), url).toString());
        continue;
      }
      if (res.statusCode !== 200) {
        await res.body.dump();
        throw new ValidationError(`image: fetching the URL answered HTTP ${res.statusCode}. Check that the image is public, or send it as base64.`);
      }
      const length = Number(res.headers["content-length"]);
      if (Number.isFinite(length) && length > options.maxBytes) {
        res.body.destroy();
        throw new ValidationError(`image: the file at the URL is larger than ${mb(options.maxBytes)}. Send a smaller image.`);
      }
      return await readCapped(res.body, options.maxBytes);
    }
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    const refused = findValidation(error);
    if (refused) throw refused;
    if (deadline.aborted) throw new ValidationError(`image: the URL did not deliver the image within ${options.timeoutMs / 1000} s. Send the image as base64.`);
    throw new ValidationError(`image: the URL could not be fetched (${error instanceof Error ? error.message : String(error)}). Send the image as base64.`, { cause: error });
  } finally {
    void agent.close();
  }
}

/** undici wraps the lookup's error; the refusal inside keeps its message. */
function findValidation(error: unknown): ValidationError | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) if (e instanceof ValidationError) return e;
  return undefined;
}
