import { describe, expect, it } from 'vitest'
import { emptyEvidence } from '../../src-shared/evidence/empty-evidence'
import { parseEvidence } from '../../src-shared/evidence/parse-evidence'

describe('emptyEvidence', () => {
  it('is what parseEvidence makes of no files at all, field for field', () => {
    expect(emptyEvidence()).toEqual(parseEvidence(new Map()).evidence)
    expect(Object.keys(emptyEvidence()).sort()).toEqual(Object.keys(parseEvidence(new Map()).evidence).sort())
  })
})
