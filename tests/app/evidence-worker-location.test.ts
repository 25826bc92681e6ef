/** In the packaged app the worker thread loads the unpacked copy of its bundle (electron-builder.yml asarUnpack). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { defaultEvidenceWorkerLocation } from '../../src-main/app-services/evidence-worker-client'

const dir = mkdtempSync(join(tmpdir(), 'xed-worker-location-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('defaultEvidenceWorkerLocation', () => {
  it('prefers app.asar.unpacked/out/main/evidence-worker.cjs when the main bundle runs from app.asar', () => {
    const resources = join(dir, 'resources')
    for (const archive of ['app.asar', 'app.asar.unpacked']) {
      mkdirSync(join(resources, archive, 'out', 'main'), { recursive: true })
      writeFileSync(join(resources, archive, 'out', 'main', 'evidence-worker.cjs'), '')
    }
    const main = pathToFileURL(join(resources, 'app.asar', 'out', 'main', 'main.cjs')).href
    expect(defaultEvidenceWorkerLocation(main)).toEqual({ url: pathToFileURL(join(resources, 'app.asar.unpacked', 'out', 'main', 'evidence-worker.cjs')), typescript: false })
  })

  it('uses the bundle beside main outside an archive, and the TypeScript source when there is no bundle', () => {
    const out = join(dir, 'project', 'out', 'main')
    mkdirSync(out, { recursive: true })
    writeFileSync(join(out, 'evidence-worker.cjs'), '')
    expect(defaultEvidenceWorkerLocation(pathToFileURL(join(out, 'main.cjs')).href).url.pathname).toMatch(/\/project\/out\/main\/evidence-worker\.cjs$/)
    const source = defaultEvidenceWorkerLocation(pathToFileURL(join(dir, 'src', 'client.ts')).href)
    expect(source.typescript).toBe(true)
  })
})
