@echo off
rem XMPP Edge Doctor command line, without installing Node: runs the app's own Electron as Node
rem (ELECTRON_RUN_AS_NODE, as VS Code's code.cmd does) on the packaged CLI. Installed beside the exe by the NSIS setup.
rem Usage: xmpp-edge-doctor analyze C:\evidence\edge01 --lang zh-TW   (exit codes: the CLI's, see README)
setlocal
set ELECTRON_RUN_AS_NODE=1
set "XED_SCENARIOS_DIR=%~dp0resources\scenarios"
"%~dp0XMPP Edge Doctor.exe" "%~dp0resources\app.asar.unpacked\out\packaged-cli\xmpp-edge-doctor.cjs" %*
endlocal & exit /b %ERRORLEVEL%
