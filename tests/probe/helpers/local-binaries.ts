/**
 * The real peers the probe tests need. Missing binaries fail the tests loudly (CI installs them),
 * never skip them silently.
 */
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'

/** Absolute path of an executable on PATH (or the usual sbin folders), else throws with the install hint. */
export function requireBinary(name: string, debianPackage: string = name): string {
  const folders = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/bin']
  for (const folder of folders) {
    if (!folder) continue
    const candidate = join(folder, name)
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not here
    }
  }
  throw new Error(
    `${name} is not installed, and the probe tests need a real ${name}: run "apt-get install -y ${debianPackage}" (CI installs it). These tests do not skip.`,
  )
}
