/** A released migration never changes with live code: migration files import only types and their own frozen siblings. */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const DIR = 'src-main/store/migrations'

describe('migrations are frozen', () => {
  it('import nothing but type-only handles and ./NNNN-* frozen siblings (index.ts wires them)', () => {
    const files = readdirSync(DIR).filter((f) => /^\d{4}-.*\.ts$/.test(f))
    expect(files.length).toBeGreaterThanOrEqual(4)
    for (const file of files) {
      const imports = [...readFileSync(join(DIR, file), 'utf8').matchAll(/^import (type )?[^'"]*from '([^']+)'/gm)]
      for (const [line, typeOnly, from] of imports) {
        const allowed = (typeOnly !== undefined && from === '../database-handles') || /^\.\/\d{4}-[a-z0-9-]+$/.test(from!)
        expect(allowed, `${file}: ${line}`).toBe(true)
      }
    }
  })
})
