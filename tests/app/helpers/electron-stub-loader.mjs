// Node module hook for the bundle smoke test: `electron` resolves to a stand-in that records what the
// main process does (the real binary is never loaded).
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: new URL('./electron-stub.mjs', import.meta.url).href, shortCircuit: true }
  return next(specifier, context)
}
