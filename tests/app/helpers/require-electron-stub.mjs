// For the CommonJS main bundle (out/main/main.cjs): require('electron') gets the same stand-in that
// electron-stub-loader.mjs gives to ES modules (`node --import` this file, then require the bundle).
import Module from 'node:module'
import * as electron from './electron-stub.mjs'

const load = Module._load
Module._load = function loadWithElectronStub(request, parent, isMain) {
  if (request === 'electron') return electron
  return load.call(this, request, parent, isMain)
}
