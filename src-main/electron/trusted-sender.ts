/** Decides whether an IPC message comes from our own page (and not from a frame or a navigated-away page). */
import { fileURLToPath } from 'node:url'
import { posix, win32 } from 'node:path'

/** What Electron tells us about the sending frame. */
export interface SenderFrameInfo {
  readonly url: string
  /** Null for the top frame. */
  readonly parent: unknown
}

/** True when the message comes from the top frame showing exactly our index.html. */
export function isTrustedSender(
  frame: SenderFrameInfo | null | undefined,
  indexHtmlPath: string,
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (!frame || frame.parent !== null) return false
  let url: URL
  try {
    url = new URL(frame.url)
  } catch {
    return false
  }
  if (url.protocol !== 'file:' || (url.host !== '' && url.host !== 'localhost')) return false
  try {
    const paths = platform === 'win32' ? win32 : posix
    const sender = paths.normalize(fileURLToPath(url, { windows: platform === 'win32' }))
    const ours = paths.normalize(indexHtmlPath)
    // Windows paths are case-insensitive, and Chromium may report the drive letter in another case.
    return platform === 'win32' ? sender.toLowerCase() === ours.toLowerCase() : sender === ours
  } catch {
    return false
  }
}
