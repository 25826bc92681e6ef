// Installs Pester 5.7.1 from NuGet into .cache/pwsh-modules/Pester/5.7.1 (git-ignored), for the PowerShell tests.
// Usage: npx tsx scripts/install-pester.ts   (does nothing when that version is already there)
// The package's SHA-512 is pinned: a different download is refused.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, normalize, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import yauzl from 'yauzl'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

/** The Pester version the tests are written for. */
export const PESTER_VERSION = '5.7.1'

/** Folder to put first on PSModulePath so that `Import-Module Pester -RequiredVersion 5.7.1` finds it. */
export const PWSH_MODULES_DIR = join(ROOT, '.cache', 'pwsh-modules')

const PACKAGE_URL = `https://api.nuget.org/v3-flatcontainer/pester/${PESTER_VERSION}/pester.${PESTER_VERSION}.nupkg`
const PACKAGE_SHA512 =
  '0419649aaea0b783b24ed06e97d6be7ab0401018d7d4f928e75507427578493ba0927d46b3faae89127e58804008a774732a32f4ccc9bf9fade61c59a9564bd4'
const MAX_PACKAGE_BYTES = 20 * 1024 * 1024
const DOWNLOAD_TIMEOUT_MS = 60_000

async function download(): Promise<Buffer> {
  const response = await fetch(PACKAGE_URL, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) })
  if (!response.ok) throw new Error(`GET ${PACKAGE_URL}: HTTP ${response.status}`)
  const bytes = Buffer.from(await response.arrayBuffer())
  if (bytes.byteLength > MAX_PACKAGE_BYTES) throw new Error(`${PACKAGE_URL}: ${bytes.byteLength} bytes, more than expected`)
  const digest = createHash('sha512').update(bytes).digest('hex')
  if (digest !== PACKAGE_SHA512) throw new Error(`${PACKAGE_URL}: SHA-512 ${digest} is not the pinned ${PACKAGE_SHA512}`)
  return bytes
}

/** Writes the package's tools/ folder (the module itself) into `target`. */
function extractModule(bytes: Buffer, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (openError, zip) => {
      if (openError || !zip) return reject(openError ?? new Error('cannot open the package'))
      zip.on('error', reject)
      zip.on('end', () => resolve())
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = decodeURIComponent(entry.fileName)
        if (!name.startsWith('tools/') || name.endsWith('/')) return zip.readEntry()
        const path = normalize(join(target, name.slice('tools/'.length)))
        if (!path.startsWith(target + sep)) return reject(new Error(`unsafe path in the package: ${name}`))
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error(`cannot read ${name}`))
          const chunks: Buffer[] = []
          stream.on('data', (chunk: Buffer) => chunks.push(chunk))
          stream.on('error', reject)
          stream.on('end', () => {
            mkdirSync(dirname(path), { recursive: true })
            writeFileSync(path, Buffer.concat(chunks))
            zip.readEntry()
          })
        })
      })
      zip.readEntry()
    })
  })
}

/** Makes sure Pester is installed; returns the modules folder. */
export async function ensurePester(): Promise<string> {
  const target = join(PWSH_MODULES_DIR, 'Pester', PESTER_VERSION)
  if (existsSync(join(target, 'Pester.psd1'))) return PWSH_MODULES_DIR
  const staging = `${target}.partial`
  rmSync(staging, { recursive: true, force: true })
  mkdirSync(staging, { recursive: true })
  await extractModule(await download(), staging)
  if (!existsSync(join(staging, 'Pester.psd1'))) throw new Error('the package has no tools/Pester.psd1')
  // Rename last, so an interrupted install is never mistaken for a complete one.
  renameSync(staging, target)
  console.log(`Installed Pester ${PESTER_VERSION} into ${target}`)
  return PWSH_MODULES_DIR
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensurePester().catch((error: unknown) => {
    console.error(`Could not install Pester ${PESTER_VERSION}: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  })
}
