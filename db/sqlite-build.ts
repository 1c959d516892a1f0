// Which better-sqlite3 native build an archive connection was opened with, so helper databases open with the same one.
import Database from 'better-sqlite3';

const builds = new WeakMap<Database.Database, string>();

/** openArchive's note of the build it was given (the packaged app names the Electron build; Node's is the default). */
export function rememberNativeBinding(db: Database.Database, nativeBinding: string | undefined): void {
  if (nativeBinding) builds.set(db, nativeBinding);
}

/**
 * A private temporary database (empty file name) on the same build as `like`: SQLite keeps it in a file it removes
 * itself, even after a crash, and writes it only once its page cache fills.
 */
export function openScratchDatabase(like?: Database.Database): Database.Database {
  const nativeBinding = like ? builds.get(like) : undefined;
  return new Database('', nativeBinding ? { nativeBinding } : {});
}
