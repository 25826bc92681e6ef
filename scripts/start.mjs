// `npm start`: builds the app and opens it in Electron. Where Electron's binary cannot be had (no download
// possible, e.g. a locked-down build box), say so in one line instead of a stack trace.
import { spawnSync, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

function electronBinary() {
  let packageDir
  try {
    packageDir = dirname(require.resolve('electron/package.json'))
  } catch {
    return null
  }
  // The electron package writes path.txt once its binary has been downloaded.
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

let binary = electronBinary()
if (!binary) {
  // First run: electron downloads its binary lazily; give it one chance.
  spawnSync(process.execPath, [join(dirname(require.resolve('electron/package.json')), 'install.js')], { stdio: 'ignore' })
  binary = electronBinary()
}
if (!binary) {
  console.error(
    "xmpp-edge-doctor: Electron's binary is not installed and could not be downloaded on this machine, so the desktop app cannot open here. Run `npm start` on a machine with internet access (e.g. the Edge Server or an admin workstation), or use the CLI: npm run --silent doctor -- demo",
  )
  process.exit(1)
}

const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' })
if (build.status !== 0) process.exit(build.status ?? 1)
const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' })
child.on('exit', (code) => process.exit(code ?? 0))
