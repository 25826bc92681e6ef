/** "a.com, b.com  c.com" → ["a.com", "b.com", "c.com"] (validation happens in the main process). */
export function splitList(value: string): string[] {
  return value
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
}
