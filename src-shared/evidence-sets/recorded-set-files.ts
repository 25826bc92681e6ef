/**
 * The files of an incident set (several servers' evidence in one diagnosis) as one session's evidence. The
 * history keeps a flat list of names per session (evidence_files is keyed by session and name, and an exported
 * session's names must match [\w.-]), so the first set keeps its own names (the session's subject, read back
 * exactly as a single-server session is) and every other set's files are prefixed by the server they came from.
 */

/** One server's raw evidence, with the name it is known by (its host, else its position). */
export interface LabelledEvidenceFiles {
  readonly label: string
  readonly files: ReadonlyMap<string, Uint8Array>
}

/** Separates the server prefix from the file's own name. */
export const SET_PREFIX_SEPARATOR = '--'

/** The prefix of the set at `index` (0-based; the first set has none): `server2--edge01.contoso.com--`. */
export function setFilePrefix(index: number, label: string): string {
  if (index === 0) return ''
  // Only characters an exported session accepts in a name; a host name has no others, a crafted manifest might.
  const safe = label.replace(/[^\w.-]/g, '_').slice(0, 80) || 'unnamed'
  return `server${index + 1}${SET_PREFIX_SEPARATOR}${safe}${SET_PREFIX_SEPARATOR}`
}

/** Every set's files under one namespace: the first set's names as they are, the others' prefixed. */
export function filesOfAllSets(sets: readonly LabelledEvidenceFiles[]): Map<string, Uint8Array> {
  const all = new Map<string, Uint8Array>()
  sets.forEach((set, index) => {
    const prefix = setFilePrefix(index, set.label)
    for (const [name, bytes] of set.files) all.set(`${prefix}${name}`, bytes)
  })
  return all
}

/** The label of the set at `index` from the diagnosis' servers (host), else its position. */
export function setLabel(servers: readonly { readonly host: string | null }[] | undefined, index: number): string {
  return servers?.[index]?.host || `#${index + 1}`
}
