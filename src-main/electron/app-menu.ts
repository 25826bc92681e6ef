/** The application menu: opening evidence, navigation and the language, sent to the renderer as commands. */
import { Menu, type MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../../src-shared/ipc/api-contract'

/** Builds and installs the menu; `send` forwards a command to the window. */
export function installAppMenu(send: (command: MenuCommand) => void, isMac: boolean): void {
  const item = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(command),
  })
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        item('Open Evidence Folder… / 開啟證據資料夾…', 'open-folder', 'CmdOrCtrl+O'),
        item('Open Evidence Zip… / 開啟證據 Zip…', 'open-zip', 'CmdOrCtrl+Shift+O'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        item('Home / 首頁', 'home', 'CmdOrCtrl+1'),
        item('History / 歷程', 'history', 'CmdOrCtrl+2'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Language / 語言',
      submenu: [item('English', 'language-en'), item('繁體中文（台灣）', 'language-zh-TW')],
    },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
