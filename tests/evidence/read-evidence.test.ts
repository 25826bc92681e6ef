import { mkdtempSync, rmSync } from 'node:fs'
import { mkdir, symlink, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ZipFile } from 'yazl'
import type { EvidenceFileName } from '../../src-shared/evidence/evidence-model'
import { EvidenceInputError, type EvidenceInputErrorCode } from '../../src-main/evidence-io/evidence-input-error'
import { readEvidence } from '../../src-main/evidence-io/read-evidence'
import { writeEvidenceFolder } from '../../src-main/evidence-io/write-evidence-folder'
import { EVIDENCE_FIXTURES, loadFixtureFiles } from './evidence-test-files'

const root = mkdtempSync(join(tmpdir(), 'evidence-read-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let counter = 0
function tempPath(name: string): string {
  counter++
  return join(root, `${counter}-${name}`)
}

interface ZipInput {
  readonly name: string
  readonly data: string | Buffer
  readonly mode?: number
}

async function buildZip(entries: readonly ZipInput[]): Promise<Buffer> {
  const zip = new ZipFile()
  for (const entry of entries) {
    zip.addBuffer(Buffer.from(entry.data), entry.name, entry.mode === undefined ? { compress: true } : { compress: true, mode: entry.mode })
  }
  zip.end()
  const chunks: Buffer[] = []
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk)
  return Buffer.concat(chunks)
}

/** Replaces every occurrence of a file name in a zip (same length), for names yazl refuses to write. */
function renameInZip(zip: Buffer, from: string, to: string): Buffer {
  expect(to.length).toBe(from.length)
  const out = Buffer.from(zip)
  let at = out.indexOf(from)
  expect(at).toBeGreaterThanOrEqual(0)
  while (at >= 0) {
    out.write(to, at, 'latin1')
    at = out.indexOf(from, at + 1)
  }
  return out
}

/** Makes every central directory and local header claim `size` uncompressed bytes. */
function lieAboutSizes(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip)
  for (let i = 0; i + 4 <= out.length; i++) {
    const signature = out.readUInt32LE(i)
    if (signature === 0x02014b50) out.writeUInt32LE(size, i + 24)
    if (signature === 0x04034b50) out.writeUInt32LE(size, i + 22)
  }
  return out
}

/** Sets the "encrypted" flag on every central directory entry. */
function markEncrypted(zip: Buffer): Buffer {
  const out = Buffer.from(zip)
  for (let i = 0; i + 4 <= out.length; i++) {
    if (out.readUInt32LE(i) === 0x02014b50) out.writeUInt16LE(out.readUInt16LE(i + 8) | 1, i + 8)
  }
  return out
}

async function writeZip(entries: readonly ZipInput[], patch: (zip: Buffer) => Buffer = (zip) => zip): Promise<string> {
  const path = tempPath('evidence.zip')
  await writeFile(path, patch(await buildZip(entries)))
  return path
}

async function expectInputError(promise: Promise<unknown>, code: EvidenceInputErrorCode, message?: RegExp): Promise<EvidenceInputError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected EvidenceInputError ${code}`)
    },
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(EvidenceInputError)
  const inputError = error as EvidenceInputError
  expect(inputError.code).toBe(code)
  if (message) expect(inputError.message).toMatch(message)
  expect(inputError.localized['zh-TW']).not.toBe(inputError.localized.en)
  expect(inputError.localized['zh-TW'].length).toBeGreaterThan(0)
  return inputError
}

const SERVICES = '[{"Name": "RTCSRV", "DisplayName": "Lync Server Access Edge", "Status": 4, "StartType": 2}]'

describe('readEvidence: folders', () => {
  it('reads the healthy fixture folder byte for byte', async () => {
    const read = await readEvidence(join(EVIDENCE_FIXTURES, 'healthy-frontend'))
    expect(read.source).toBe('evidence-folder')
    expect(read.ignored).toEqual([])
    expect(read.files).toEqual(loadFixtureFiles('healthy-frontend'))
  })

  it('round-trips through writeEvidenceFolder', async () => {
    const dir = tempPath('written')
    const files = loadFixtureFiles('healthy-edge')
    await writeEvidenceFolder(dir, files)
    expect((await readEvidence(dir)).files).toEqual(files)
  })

  it('matches names case-insensitively, lists unknown files, descends into a single inner folder', async () => {
    const outer = tempPath('outer')
    const inner = join(outer, 'evidence-EDGE01-20261120')
    await mkdir(inner, { recursive: true })
    await writeFile(join(inner, 'Services.JSON'), SERVICES)
    await writeFile(join(inner, 'notes.txt'), 'hello')
    const read = await readEvidence(outer)
    expect([...read.files.keys()]).toEqual(['services.json'])
    expect(read.ignored).toEqual(['evidence-EDGE01-20261120/notes.txt'])
  })

  it('does not follow symbolic links', async () => {
    const dir = tempPath('links')
    await mkdir(dir)
    await writeFile(join(dir, 'services.json'), SERVICES)
    await symlink('/etc/hostname', join(dir, 'netstat.txt'))
    const read = await readEvidence(dir)
    expect([...read.files.keys()]).toEqual(['services.json'])
    expect(read.ignored).toEqual(['netstat.txt (symbolic link, not followed)'])
  })

  it('refuses a 200 MB file without reading it (sparse file: refused on its size)', async () => {
    const dir = tempPath('huge')
    await mkdir(dir)
    await writeFile(join(dir, 'services.json'), SERVICES)
    await writeFile(join(dir, 'events.json'), '')
    await truncate(join(dir, 'events.json'), 200 * 1024 * 1024)
    await expectInputError(readEvidence(dir), 'too-large', /events\.json is larger than 32 MiB/)
  })

  it('enforces the total size cap', async () => {
    const dir = tempPath('total')
    await mkdir(dir)
    for (const name of ['events.json', 'services.json', 'sites.json'] satisfies EvidenceFileName[]) {
      await writeFile(join(dir, name), Buffer.alloc(600 * 1024, 0x20))
    }
    await expectInputError(readEvidence(dir, { maxFileBytes: 1024 * 1024, maxTotalBytes: 1024 * 1024 }), 'too-large', /add up to/)
  })

  it('refuses a folder with too many entries', async () => {
    const dir = tempPath('crowded')
    await mkdir(dir)
    for (let i = 0; i < 12; i++) await writeFile(join(dir, `file-${i}.txt`), '')
    await expectInputError(readEvidence(dir, { maxEntries: 10 }), 'too-many-entries')
  })

  it('says clearly when the path is missing, not evidence, or not a folder or zip', async () => {
    await expectInputError(readEvidence(join(root, 'does-not-exist')), 'not-found')
    const empty = tempPath('empty')
    await mkdir(empty)
    await expectInputError(readEvidence(empty), 'not-evidence', /No evidence files/)
    const single = tempPath('netstat.txt')
    await writeFile(single, 'TCP ...')
    await expectInputError(readEvidence(single), 'not-evidence', /neither a folder nor a \.zip/)
    const fakeZip = tempPath('evidence.zip')
    await writeFile(fakeZip, 'this is not a zip')
    await expectInputError(readEvidence(fakeZip), 'zip-corrupt', /not a zip file/)
  })
})

describe('readEvidence: zips', () => {
  it('reads evidence at the root of a zip and lists other entries', async () => {
    const path = await writeZip([
      { name: 'services.json', data: SERVICES },
      { name: 'README.txt', data: 'x' },
      { name: 'extra/netstat.txt', data: 'x' },
    ])
    const read = await readEvidence(path)
    expect(read.source).toBe('evidence-zip')
    expect(new TextDecoder().decode(read.files.get('services.json'))).toBe(SERVICES)
    expect(read.ignored).toEqual(['README.txt', 'extra/netstat.txt'])
  })

  it('reads a zip whose files sit in one top-level folder, written with backslashes (Compress-Archive on PS 5.1)', async () => {
    const files = loadFixtureFiles('healthy-edge')
    const entries = [...files].map(([name, data]) => ({ name: `EDGE01/${name}`, data: Buffer.from(data) }))
    const path = await writeZip(entries, (zip) => renameInZip(zip, 'EDGE01/', 'EDGE01\\'))
    const read = await readEvidence(path)
    expect(read.files).toEqual(files)
    expect(read.ignored).toEqual([])
  })

  it('refuses a zip with two evidence folders', async () => {
    const path = await writeZip([
      { name: 'EDGE01/services.json', data: SERVICES },
      { name: 'EDGE02/services.json', data: SERVICES },
    ])
    await expectInputError(readEvidence(path), 'not-evidence', /several evidence folders/)
  })

  it('refuses path traversal and absolute paths', async () => {
    const traversal = await writeZip([{ name: 'services.json', data: SERVICES }, { name: 'xx/evil.txt', data: 'x' }], (zip) =>
      renameInZip(zip, 'xx/evil.txt', '../evil.txt'),
    )
    await expectInputError(readEvidence(traversal), 'zip-unsafe', /unsafe path/)
    const absolute = await writeZip([{ name: 'Zetc/x', data: 'x' }], (zip) => renameInZip(zip, 'Zetc/x', '/etc/x'))
    await expectInputError(readEvidence(absolute), 'zip-unsafe', /absolute path/)
    const drive = await writeZip([{ name: 'Cq/x', data: 'x' }], (zip) => renameInZip(zip, 'Cq/x', 'C:/x'))
    await expectInputError(readEvidence(drive), 'zip-unsafe')
    const backslashTraversal = await writeZip([{ name: 'xx/services.json', data: SERVICES }], (zip) =>
      renameInZip(zip, 'xx/services.json', '..\\services.json'),
    )
    await expectInputError(readEvidence(backslashTraversal), 'zip-unsafe')
  })

  it('refuses symbolic links in a zip', async () => {
    const path = await writeZip([
      { name: 'services.json', data: SERVICES },
      { name: 'netstat.txt', data: '/etc/passwd', mode: 0o120777 },
    ])
    await expectInputError(readEvidence(path), 'zip-unsafe', /symbolic link/)
  })

  it('refuses a zip bomb on its declared size, before inflating', async () => {
    const bomb = Buffer.alloc(40 * 1024 * 1024, 0x20)
    const path = await writeZip([{ name: 'events.json', data: bomb }])
    await expectInputError(readEvidence(path), 'too-large', /events\.json is larger than 32 MiB/)
  })

  it('stops a zip that lies about its sizes while streaming', async () => {
    const bomb = Buffer.alloc(40 * 1024 * 1024, 0x20)
    const path = await writeZip([{ name: 'events.json', data: bomb }], (zip) => lieAboutSizes(zip, 1000))
    await expectInputError(readEvidence(path), 'zip-unsafe', /sizes do not match/)
  })

  it('enforces the entry count and total size caps', async () => {
    const many = await writeZip(Array.from({ length: 12 }, (_, i) => ({ name: `f${i}.txt`, data: 'x' })))
    await expectInputError(readEvidence(many, { maxEntries: 10 }), 'too-many-entries')
    const big = Buffer.alloc(600 * 1024, 0x20)
    const heavy = await writeZip(['events.json', 'services.json', 'sites.json'].map((name) => ({ name, data: big })))
    await expectInputError(readEvidence(heavy, { maxFileBytes: 1024 * 1024, maxTotalBytes: 1024 * 1024 }), 'too-large', /add up to/)
  })

  it('refuses duplicate, encrypted, truncated and corrupt zips', async () => {
    const duplicate = await writeZip([{ name: 'services.json', data: SERVICES }, { name: 'SERVICES.json', data: SERVICES }])
    await expectInputError(readEvidence(duplicate), 'zip-unsafe', /twice/)
    const encrypted = await writeZip([{ name: 'services.json', data: SERVICES }], markEncrypted)
    await expectInputError(readEvidence(encrypted), 'zip-unsupported')
    const whole = await buildZip([{ name: 'services.json', data: SERVICES.repeat(50) }])
    const truncatedPath = tempPath('truncated.zip')
    await writeFile(truncatedPath, whole.subarray(0, Math.floor(whole.length / 2)))
    await expectInputError(readEvidence(truncatedPath), 'zip-corrupt')
    const garbagePath = tempPath('garbage.zip')
    await writeFile(garbagePath, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 0x41)]))
    await expectInputError(readEvidence(garbagePath), 'zip-corrupt')
  })

  it('refuses a zip without evidence', async () => {
    const path = await writeZip([{ name: 'photo.jpg', data: 'x' }])
    await expectInputError(readEvidence(path), 'not-evidence')
  })
})
