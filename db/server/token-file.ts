// Keeps the server's access token in a file only the current user can read, for scripts and clippers.
import fs from 'node:fs';
import path from 'node:path';

export function writeTokenFile(file: string, token: string): void {
  const full = path.resolve(file);
  fs.mkdirSync(path.dirname(full), { recursive: true, mode: 0o700 });
  // Write beside it then rename: a reader never sees a half-written token, and the mode is set at creation.
  const temp = `${full}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${token}\n`, { mode: 0o600 });
  fs.chmodSync(temp, 0o600);
  fs.renameSync(temp, full);
}

/** Removes the file if it still holds this server's token (another server may have replaced it). */
export function removeTokenFile(file: string, token: string): void {
  try {
    if (fs.readFileSync(file, 'utf8').trim() === token) fs.unlinkSync(file);
  } catch {
    // Already gone: nothing to clean up.
  }
}
