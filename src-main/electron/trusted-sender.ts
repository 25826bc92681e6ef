/** Decides whether an IPC message comes from our own page (and not from a frame or a navigated-away page). */
import { fileURLToPath } from 'node:url'
import { normalize } from 'node:path'

/** What Electron tells us about the sending frame. */
export interface SenderFrameInfo {
  readonly url: string
  /** Null for the top frame. */
  readonly parent: unknown
}

/** True when the message comes from the top frame showing exactly our index.html. */
export function isTrustedSender(frame: SenderFrameInfo | null | undefined, indexHtmlPath: string): boolean {
  if (!frame || frame.parent !== null) return false
  let url: URL
  try {
    url = new URL(frame.url)
  } catch {
    return false
  }
  if (url.protocol !== 'file:' || (url.host !== '' && url.host !== 'localhost')) return false
  try {
    return normalize(fileURLToPath(url)) === normalize(indexHtmlPath)
  } catch {
    return false
  }
}
