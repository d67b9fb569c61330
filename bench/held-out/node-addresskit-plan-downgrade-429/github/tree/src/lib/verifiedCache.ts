import { createHash } from 'node:crypto';
import type { VerifyResult } from '../clients/addresskit';

// Checkout re-submits the address form on every step (shipping, delivery slot,
// payment). Remember what AddressKit said for the same address in the same checkout
// so we only pay for one verification per checkout.
const TTL_MS = 15 * 60 * 1000;
const MAX_ENTRIES = 20_000;

const entries = new Map<string, { at: number; result: VerifyResult }>();

export function cacheKey(checkoutId: string, address: object): string {
  return createHash('sha256').update(checkoutId).update(JSON.stringify(address)).digest('hex');
}

export function getVerified(key: string): VerifyResult | undefined {
  const hit = entries.get(key);
  if (!hit) return undefined;
  if (Date.now() - hit.at > TTL_MS) {
    entries.delete(key);
    return undefined;
  }
  return hit.result;
}

export function putVerified(key: string, result: VerifyResult): void {
  if (entries.size >= MAX_ENTRIES) {
    const oldest = entries.keys().next().value;
    if (oldest !== undefined) entries.delete(oldest);
  }
  entries.set(key, { at: Date.now(), result });
}
