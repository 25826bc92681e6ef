/**
 * A random one-time password (for the PFX that machine-store-certificate.ts exports). A module of its own so that
 * node:crypto loads only when a password is needed: the analyze/demo options import machine-store-certificate.ts
 * at every start, and loading node:crypto costs a few milliseconds there.
 */
import { randomBytes } from 'node:crypto'

/** 24 random bytes, base64url: 192 bits, letters PowerShell takes literally. */
export function oneTimePassword(): string {
  return randomBytes(24).toString('base64url')
}
