/** server-version.txt: the text Get-CsServerVersion prints, e.g. "Skype for Business Server 2015 (6.0.9319.0): …". */
import type { LyncProduct, ServerVersion } from '../evidence-model'
import { createEmptyFileError } from '../evidence-parse-error'
import { PARSE_LIMITS, type ParseNotes } from '../parse-notes'

// Version prefixes from OPD RDCheckServerVersion.ps1 / Globals.ps1 (DOMAIN-FACTS §2, §6).
const PRODUCT_BY_PREFIX: readonly (readonly [string, LyncProduct])[] = [
  ['5.0.8308.', 'Lync Server 2013'],
  ['6.0.9319.', 'Skype for Business Server 2015'],
  ['7.0.2046.', 'Skype for Business Server 2019'],
]

/** Parses server-version.txt; the product is Unknown when no known version is in the text. */
export function parseServerVersion(source: string, notes?: ParseNotes): ServerVersion {
  let raw = source.trim()
  if (raw === '') throw createEmptyFileError()
  if (raw.length > PARSE_LIMITS.maxStringLength) {
    raw = raw.slice(0, PARSE_LIMITS.maxStringLength)
    if (notes) notes.truncated = true
  }
  const version = /\((\d+\.\d+\.\d+\.\d+)\)/.exec(raw)?.[1] ?? null
  const product = version
    ? (PRODUCT_BY_PREFIX.find(([prefix]) => version.startsWith(prefix))?.[1] ?? 'Unknown')
    : 'Unknown'
  return { raw, version, product }
}
