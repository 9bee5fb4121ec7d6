/* Apart from database.ts so the CLI can recognise it without loading better-sqlite3. */
/** A second engine tried to open a data home that another process holds. */
export class HomeLockedError extends Error {
  constructor(readonly file: string) {
    super(
      `The data home database ${file} is in use by another Attune Workbench process ` +
        `(the app, a CLI command or a browser host). Close it, or pass a different --home.`
    )
    this.name = 'HomeLockedError'
  }
}
