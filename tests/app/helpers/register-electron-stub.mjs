import { register } from 'node:module'
register('./electron-stub-loader.mjs', import.meta.url)
