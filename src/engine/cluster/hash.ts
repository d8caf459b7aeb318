// Deterministic names and addresses for simulated objects: the same manifests
// always give the same Pod names and IPs, and adding an object does not renumber others.

let lastSeed: string | undefined;
let lastSeedHash = 0;

/**
 * fnv1a of a request's seed. A trace hashes the same seed for the weighted backend and
 * then for the endpoint, so the last one is kept: the same number, hashed once.
 */
export function seedHash(seed: string): number {
  if (seed !== lastSeed) {
    lastSeedHash = fnv1a(seed);
    lastSeed = seed;
  }
  return lastSeedHash;
}

/** FNV-1a, 32 bit. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// The alphabet Kubernetes uses for generated name suffixes (no vowels, no look-alikes).
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

export function safeSuffix(seed: string, length: number): string {
  let h = fnv1a(seed);
  let out = '';
  for (let i = 0; i < length; i++) {
    if (i > 0 && i % 6 === 0) h = fnv1a(`${seed}#${i}`);
    out += SAFE[h % SAFE.length];
    h = Math.floor(h / SAFE.length);
  }
  return out;
}

/** Hands out addresses in a /16 by hash, probing past collisions. */
export class AddressPool {
  private readonly used = new Set<number>();
  constructor(private readonly prefix: string, reserved: number[] = []) {
    for (const r of reserved) this.used.add(r);
  }
  reserve(ip: string): void {
    if (!ip.startsWith(this.prefix)) return;
    const [a, b] = ip.slice(this.prefix.length).split('.').map(Number);
    if (Number.isInteger(a) && Number.isInteger(b)) this.used.add(a * 256 + b);
  }
  take(seed: string): string {
    let n = (fnv1a(seed) % 65000) + 2;
    while (this.used.has(n) || n % 256 === 0 || n % 256 === 255) n = n >= 65533 ? 2 : n + 1;
    this.used.add(n);
    return `${this.prefix}${Math.floor(n / 256)}.${n % 256}`;
  }
}
