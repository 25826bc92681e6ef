/** Which report format a path asks for, by its extension: light, so commands check `--report` before any work. */
import { extname } from 'node:path'

export type ReportFormat = 'html' | 'md' | 'json' | 'pdf' | 'txt'

const FORMAT_BY_EXTENSION: Readonly<Record<string, ReportFormat>> = {
  '.html': 'html',
  '.htm': 'html',
  '.md': 'md',
  '.markdown': 'md',
  '.json': 'json',
  '.pdf': 'pdf',
  '.txt': 'txt',
}

/** The format an output path asks for, or null for an unknown extension. */
export function reportFormatFromPath(path: string): ReportFormat | null {
  return FORMAT_BY_EXTENSION[extname(path).toLowerCase()] ?? null
}
