/**
 * Orders names exactly as `a.localeCompare(b)` does, without starting ICU's collator for the names evidence and
 * scenario folders actually hold. Creating the collator costs 3–25 ms of a CLI start that has ~60 ms to spend
 * (issue 12); for lower-case ASCII letters, digits, '.' and '-', ICU's root order is code-point order (CLDR root
 * collation sorts '-' before '.', both before digits, digits before letters), so those pairs skip it. '_' is left
 * to ICU: CLDR sorts it before '-', code points after.
 */
const PLAIN_NAME = /^[a-z0-9.-]*$/

export function compareNames(a: string, b: string): number {
  if (PLAIN_NAME.test(a) && PLAIN_NAME.test(b)) return a < b ? -1 : a > b ? 1 : 0
  return a.localeCompare(b)
}
