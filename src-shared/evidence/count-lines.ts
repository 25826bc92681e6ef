/** Counting lines without building them: what a line cap left out of a text file. */

/** Lines from `start` to the end of `source` (a last line without a line end counts). */
export function countLines(source: string, start: number): number {
  let count = 0
  let at = start
  while (at < source.length) {
    const next = source.indexOf('\n', at)
    count++
    if (next < 0) break
    at = next + 1
  }
  return count
}
