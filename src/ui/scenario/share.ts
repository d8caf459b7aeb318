// The scenario in the URL fragment: `#v1.<base64url of raw DEFLATE of JSON>`.
// The version tag keeps old links working: a new format gets a new tag and the
// decoder keeps reading the old ones. Decoding treats the link as hostile input:
// bounded length, bounded inflated size (no decompression bombs), JSON only (never
// evaluated), and every field checked and copied into a fresh object.
import { Inflate, deflateSync, strToU8 } from 'fflate';
import type { Expectation } from '../../engine/index';
import { CONTROLLER_NAMES, type ControllerName } from '../../engine/model/request';
import type { EntryMode, RequestForm, SavedRequest, ScenarioData } from '../../worker/protocol';

/** What a link (and the browser's local storage) holds. */
export interface AppSnapshot {
  scenario: ScenarioData;
  /** the request bar */
  form: RequestForm;
  /** the saved request last loaded into the request bar */
  selected?: string;
}

export const SHARE_VERSION = 'v1';
/** Longest fragment we write: links longer than this break in chat tools and some browsers. */
export const MAX_LINK_CHARS = 64_000;
/** Longest fragment we read. */
export const MAX_FRAGMENT_CHARS = 512_000;
/** Most bytes a link may inflate to. */
export const MAX_INFLATED_BYTES = 8 * 1024 * 1024;
const MAX_REQUESTS = 2000;

export class ShareError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShareError';
  }
}

// ---- base64url ----

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += B64[n >> 18] + B64[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63];
  }
  return out;
}

const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

export function fromBase64Url(text: string): Uint8Array {
  if (text.length % 4 === 1) throw new ShareError('the link is cut off (its data has an impossible length)');
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? B64_INDEX[c] : -1;
    if (v < 0) throw new ShareError('the link holds characters a RouteLab link never has');
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

// ---- inflate with a cap ----

/** Inflates raw DEFLATE data, giving up as soon as the output passes `cap` bytes. */
export function inflateCapped(data: Uint8Array, cap: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > cap) throw new ShareError(`the link unpacks to more than ${Math.round(cap / 1024 / 1024)} MB; RouteLab does not open it`);
    chunks.push(chunk);
    if (final) done = true;
  });
  // Small pieces: one piece of DEFLATE data can inflate ~1000-fold, so the cap is checked often.
  const STEP = 1024;
  try {
    for (let i = 0; i < data.length; i += STEP) inflater.push(data.subarray(i, Math.min(data.length, i + STEP)), i + STEP >= data.length);
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (err) {
    if (err instanceof ShareError) throw err;
    throw new ShareError('the link is damaged (its data does not unpack)');
  }
  if (!done) throw new ShareError('the link is cut off (its data ends early)');
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

// ---- shape checks ----

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function str(v: unknown, field: string, max = 20_000_000): string {
  if (typeof v !== 'string') throw new ShareError(`the link's ${field} is not text`);
  if (v.length > max) throw new ShareError(`the link's ${field} is too long`);
  return v;
}
const optStr = (v: unknown, field: string, max?: number) => (v === undefined ? undefined : str(v, field, max));

function controller(v: unknown): ControllerName {
  return CONTROLLER_NAMES.includes(v as ControllerName) ? (v as ControllerName) : 'spec';
}

function mode(v: unknown): EntryMode {
  return v === 'ingress' || v === 'gateway' ? v : 'auto';
}

export function checkForm(v: unknown): RequestForm {
  if (!isObj(v)) throw new ShareError('the link has no request');
  return {
    method: str(v.method ?? 'GET', 'request method', 32),
    url: str(v.url ?? '', 'request URL', 8192),
    headers: str(v.headers ?? '', 'request headers', 65_536),
    controller: controller(v.controller),
    gateway: str(v.gateway ?? '', 'gateway', 512),
    listener: str(v.listener ?? '', 'listener', 512),
    ...(v.implementation ? { implementation: str(v.implementation, 'implementation', 128) } : {}),
  };
}

/** Expectations keep only the JSON shapes the test format defines; the engine's compare reads them. */
function checkExpect(v: unknown): Expectation | undefined {
  if (v === undefined) return undefined;
  if (!isObj(v)) throw new ShareError('an expectation in the link is not a mapping');
  const copy = JSON.parse(JSON.stringify(v)) as Json;
  const out: Json = {};
  const backend = (b: unknown) => {
    if (!isObj(b)) throw new ShareError('a backend expectation in the link is not a mapping');
    const r: Json = {};
    for (const k of ['namespace', 'service'] as const) if (b[k] !== undefined) r[k] = str(b[k], `expect backend ${k}`, 512);
    for (const k of ['port', 'weight'] as const) if (b[k] !== undefined) {
      if (typeof b[k] !== 'number' || !Number.isFinite(b[k])) throw new ShareError(`the link's expect backend ${k} is not a number`);
      r[k] = b[k];
    }
    return r;
  };
  const stringMap = (m: unknown, field: string) => {
    if (!isObj(m)) throw new ShareError(`the link's ${field} is not a mapping`);
    const r: Record<string, string> = {};
    for (const [k, val] of Object.entries(m)) r[k] = str(val, field, 8192);
    return r;
  };
  for (const [k, val] of Object.entries(copy)) {
    switch (k) {
      case 'backend':
        out.backend = backend(val);
        break;
      case 'backends':
      case 'mirroredTo':
        if (!Array.isArray(val)) throw new ShareError(`the link's expect ${k} is not a list`);
        out[k] = val.map(backend);
        break;
      case 'status':
        if (typeof val !== 'number') throw new ShareError('the link\'s expect status is not a number');
        out.status = val;
        break;
      case 'redirect':
      case 'path':
      case 'host':
        out[k] = str(val, `expect ${k}`, 8192);
        break;
      case 'requestHeaders':
      case 'responseHeaders':
        out[k] = stringMap(val, `expect ${k}`);
        break;
      case 'absentRequestHeaders':
        if (!Array.isArray(val)) throw new ShareError('the link\'s expect absentRequestHeaders is not a list');
        out[k] = val.map((x) => str(x, 'expect absentRequestHeaders', 512));
        break;
      case 'route': {
        if (!isObj(val)) throw new ShareError('the link\'s expect route is not a mapping');
        const r: Json = {};
        for (const f of ['kind', 'namespace', 'name'] as const) if (val[f] !== undefined) r[f] = str(val[f], `expect route ${f}`, 512);
        out.route = r;
        break;
      }
      default:
        throw new ShareError(`the link has an unknown expectation "${k.slice(0, 40)}"`);
    }
  }
  return out as Expectation;
}

function checkRequest(v: unknown, i: number): SavedRequest {
  if (!isObj(v)) throw new ShareError(`saved request ${i + 1} in the link is not a mapping`);
  const problems = v.problems === undefined ? undefined : Array.isArray(v.problems) ? v.problems.map((p) => str(p, 'problem', 2000)) : undefined;
  return {
    id: str(v.id ?? `r${i + 1}`, 'request id', 64),
    name: str(v.name ?? `request ${i + 1}`, 'request name', 2000),
    form: checkForm(v.form),
    expect: checkExpect(v.expect),
    problems: problems && problems.length ? problems : undefined,
  };
}

export function checkScenario(v: unknown): ScenarioData {
  if (!isObj(v)) throw new ShareError('the link has no scenario');
  const requests = v.requests === undefined ? [] : v.requests;
  if (!Array.isArray(requests)) throw new ShareError('the link\'s saved requests are not a list');
  if (requests.length > MAX_REQUESTS) throw new ShareError(`the link has more than ${MAX_REQUESTS} saved requests`);
  return {
    name: str(v.name ?? 'Shared scenario', 'scenario name', 2000),
    description: optStr(v.description, 'description', 20_000),
    source: optStr(v.source, 'source', 20_000),
    mode: mode(v.mode),
    manifests: str(v.manifests ?? '', 'manifests'),
    requests: requests.map(checkRequest),
  };
}

export function checkSnapshot(v: unknown): AppSnapshot {
  if (!isObj(v)) throw new ShareError('the link does not hold a RouteLab scenario');
  const scenario = checkScenario(v.scenario);
  const form = checkForm(v.form);
  const selected = typeof v.selected === 'string' && scenario.requests.some((r) => r.id === v.selected) ? v.selected : undefined;
  return { scenario, form, selected };
}

// ---- the fragment ----

/**
 * Above this many characters of manifests a link cannot fit (even YAML that compresses
 * 40-fold would overflow MAX_LINK_CHARS), so no time is spent compressing it.
 */
export const MAX_LINKABLE_CHARS = 2_000_000;

export type EncodeResult = { ok: true; fragment: string } | { ok: false; chars: number };

/** Past MAX_LINKABLE_CHARS: a guess at the compressed size, without compressing. */
function pastLinkable(s: AppSnapshot): EncodeResult | undefined {
  const size = s.scenario.manifests.length;
  return size > MAX_LINKABLE_CHARS ? { ok: false, chars: Math.round(size / 10) } : undefined;
}

/** The deflate level: a faster one for large texts. */
const levelFor = (s: AppSnapshot): 6 | 9 => (s.scenario.manifests.length > 200_000 ? 6 : 9);

/** `v1.<data>` (without `#`), or how large it would be when it cannot be a link. */
export function encodeForLink(s: AppSnapshot): EncodeResult {
  return pastLinkable(s) ?? linkOf(s, encodeSnapshot(s, levelFor(s)));
}

/**
 * encodeSnapshot off the main thread's JavaScript: the browser's own raw DEFLATE
 * (CompressionStream, native code) where there is one, else encodeSnapshot itself. Both
 * are raw DEFLATE, so decodeFragment reads either. The page packs the work after every
 * pause in typing, for the link and for this browser's storage; compressing 400 KB in
 * JavaScript held the page for ~40 ms.
 */
export async function packSnapshot(s: AppSnapshot): Promise<string> {
  const level = levelFor(s);
  if (typeof CompressionStream === 'undefined') return encodeSnapshot(s, level);
  const json = JSON.stringify({ scenario: s.scenario, form: s.form, selected: s.selected });
  let bytes: Uint8Array;
  try {
    const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  } catch {
    return encodeSnapshot(s, level); // a browser without deflate-raw
  }
  return `${SHARE_VERSION}.${toBase64Url(bytes)}`;
}

/** A packed snapshot as a link, when it fits in one. */
export function linkOf(s: AppSnapshot, packed: string): EncodeResult {
  return pastLinkable(s) ?? (packed.length <= MAX_LINK_CHARS ? { ok: true, fragment: packed } : { ok: false, chars: packed.length });
}

/** encodeForLink, compressed by packSnapshot. */
export async function encodeForLinkAsync(s: AppSnapshot): Promise<EncodeResult> {
  return pastLinkable(s) ?? linkOf(s, await packSnapshot(s));
}

/** `v1.<data>` (without `#`). */
export function encodeSnapshot(s: AppSnapshot, level: 6 | 9 = 9): string {
  const json = JSON.stringify({ scenario: s.scenario, form: s.form, selected: s.selected });
  return `${SHARE_VERSION}.${toBase64Url(deflateSync(strToU8(json), { level }))}`;
}

export type DecodeResult = { ok: true; snapshot: AppSnapshot } | { ok: false; message: string };

/** Reads a fragment (with or without `#`). Never throws. */
export function decodeFragment(fragment: string): DecodeResult {
  const f = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  try {
    if (f.length > MAX_FRAGMENT_CHARS) throw new ShareError(`the link is longer than ${MAX_FRAGMENT_CHARS / 1000} KB; RouteLab does not open it`);
    const dot = f.indexOf('.');
    const version = dot === -1 ? '' : f.slice(0, dot);
    if (version !== SHARE_VERSION) {
      if (/^v\d+$/.test(version)) throw new ShareError(`the link was made by a newer RouteLab (format ${version}); this one reads ${SHARE_VERSION}`);
      throw new ShareError('the address does not hold a RouteLab scenario');
    }
    const bytes = inflateCapped(fromBase64Url(f.slice(dot + 1)), MAX_INFLATED_BYTES);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new ShareError('the link is damaged (its text is not UTF-8)');
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new ShareError('the link is damaged (its data is not JSON)');
    }
    return { ok: true, snapshot: checkSnapshot(value) };
  } catch (err) {
    return { ok: false, message: err instanceof ShareError ? err.message : 'the link could not be read' };
  }
}
