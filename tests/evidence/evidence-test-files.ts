/**
 * Test helpers for evidence: load a fixture folder as raw files, and edit one file's text while keeping
 * the bytes Windows would write (same encoding and BOM, CRLF line ends). Failure scenarios are derived
 * from the healthy fixtures this way.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { decodeText, type TextEncodingName } from '../../src-shared/evidence/decode-text'
import type { EvidenceFileName } from '../../src-shared/evidence/evidence-model'
import { EVIDENCE_FILE_NAMES } from '../../src-shared/evidence/evidence-model'

/** Where the evidence fixtures live. */
export const EVIDENCE_FIXTURES = fileURLToPath(new URL('../fixtures/evidence', import.meta.url))

/** The healthy evidence folders. */
export type HealthyFixture = 'healthy-edge' | 'healthy-frontend'

/** Reads a fixture folder into the map readEvidence() would return. */
export function loadFixtureFiles(name: HealthyFixture): Map<EvidenceFileName, Uint8Array> {
  const dir = join(EVIDENCE_FIXTURES, name)
  const files = new Map<EvidenceFileName, Uint8Array>()
  for (const entry of readdirSync(dir)) {
    const evidenceName = EVIDENCE_FILE_NAMES.find((candidate) => candidate === entry)
    if (evidenceName) files.set(evidenceName, new Uint8Array(readFileSync(join(dir, entry))))
  }
  return files
}

/** Reads one fixture file's bytes (any path under tests/fixtures/evidence). */
export function readFixtureBytes(...path: string[]): Uint8Array {
  return new Uint8Array(readFileSync(join(EVIDENCE_FIXTURES, ...path)))
}

/** Encodes text as Windows tools write it; "\n" becomes "\r\n" unless `crlf` is false. Big5 has no encoder in Node. */
export function encodeText(text: string, encoding: Exclude<TextEncodingName, 'big5'>, crlf = true): Uint8Array {
  const body = crlf ? text.replace(/\r?\n/g, '\r\n') : text
  switch (encoding) {
    case 'utf-8':
      return new TextEncoder().encode(body)
    case 'utf-8-bom':
      return concat([0xef, 0xbb, 0xbf], new TextEncoder().encode(body))
    case 'utf-16le':
    case 'utf-16le-bom':
      return concat(encoding === 'utf-16le-bom' ? [0xff, 0xfe] : [], new Uint8Array(Buffer.from(body, 'utf16le')))
    case 'utf-16be':
    case 'utf-16be-bom':
      return concat(encoding === 'utf-16be-bom' ? [0xfe, 0xff] : [], swapBytes(new Uint8Array(Buffer.from(body, 'utf16le'))))
  }
}

/**
 * A copy of `files` with one file's text changed by `edit`, written back in the file's own encoding.
 * Throws when the edit changes nothing, so a scenario never silently tests the healthy case.
 */
export function editFixtureText(
  files: ReadonlyMap<EvidenceFileName, Uint8Array>,
  name: EvidenceFileName,
  edit: (text: string) => string,
): Map<EvidenceFileName, Uint8Array> {
  const bytes = files.get(name)
  if (!bytes) throw new Error(`${name} is not in the fixture`)
  const decoded = decodeText(bytes)
  if (decoded.encoding === 'big5') throw new Error(`${name} is Big5; edit its bytes instead`)
  const edited = edit(decoded.text)
  if (edited === decoded.text) throw new Error(`the edit did not change ${name}`)
  return new Map(files).set(name, encodeText(edited, decoded.encoding))
}

function concat(prefix: readonly number[], body: Uint8Array): Uint8Array {
  const out = new Uint8Array(prefix.length + body.length)
  out.set(prefix, 0)
  out.set(body, prefix.length)
  return out
}

function swapBytes(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length)
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1] ?? 0
    out[i + 1] = bytes[i] ?? 0
  }
  return out
}
