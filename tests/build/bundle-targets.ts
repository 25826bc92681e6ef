/**
 * Finds syntax in a bundle that its runtime lacks: esbuild prints the code once for the newest JavaScript and
 * once for the target; any difference is syntax esbuild had to lower (or turn into something that fails at
 * run time, like a RegExp with the v flag), and syntax it cannot lower at all throws.
 */
import { transform } from 'esbuild'

/** Empty when `code` runs as it is on `target` (e.g. 'node16.17', 'chrome108'); else what had to change. */
export async function syntaxBeyondTarget(code: string, target: string, loader: 'js' | 'css' = 'js'): Promise<string[]> {
  let lowered: string
  try {
    lowered = (await transform(code, { loader, target, logLevel: 'silent' })).code
  } catch (error) {
    return [(error as Error).message.split('\n').slice(0, 3).join(' ')]
  }
  const newest = (await transform(code, { loader, target: 'esnext', logLevel: 'silent' })).code
  if (newest === lowered) return []
  const a = newest.split('\n')
  const b = lowered.split('\n')
  const at = a.findIndex((line, i) => line !== b[i])
  return [`first difference at line ${at + 1}: ${a[at]?.trim().slice(0, 160)} → ${b[at]?.trim().slice(0, 160)}`]
}
