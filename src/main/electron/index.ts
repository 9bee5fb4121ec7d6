import { openWorkbench } from '../core/workbench'
import { mergeDesktopPath } from './desktop-path'
import { startEngineServer } from '../engine-socket/engine-server'
import { startElectronApp } from './electron-app'

// The Electron entry: everything is composed in electron-app.ts, which tests drive with a mocked electron.
void startElectronApp({ baseDir: __dirname, openWorkbench, mergeDesktopPath, serveEngine: startEngineServer })
