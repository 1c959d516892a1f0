// Keeps the server's access token in a file only the current user can read, for scripts and clippers.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A token file that cannot be written safely: the reason names the file or folder and what to do. */
export class TokenFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenFileError';
  }
}

/**
 * Writes `token` to `file`, readable only by this user. The bytes go to a new file with a random name created
 * exclusively (O_CREAT|O_EXCL, never through a link another user planted) with mode 0600, then renamed over
 * the target, so a reader never sees half a token and nobody else's file ever receives it. A folder other users
 * can write is refused unless it is sticky (as /tmp is) and the target, if present, is ours.
 */
export function writeTokenFile(file: string, token: string): void {
  const full = path.resolve(file);
  const dir = path.dirname(full);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new TokenFileError(`Cannot create the folder ${dir} for the token file: ${(err as Error).message}`);
  }
  checkFolder(dir, full);
  const temp = path.join(dir, `.${path.basename(full)}.${crypto.randomBytes(12).toString('hex')}.tmp`);
  let fd: number;
  try {
    fd = fs.openSync(temp, 'wx', 0o600);
  } catch (err) {
    throw new TokenFileError(`Cannot create the token file in ${dir}: ${(err as Error).message}`);
  }
  try {
    fs.fchmodSync(fd, 0o600); // whatever the umask
    fs.writeSync(fd, `${token}\n`);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(temp, full);
  } catch (err) {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
    fs.rmSync(temp, { force: true });
    throw new TokenFileError(`Cannot write the token file ${full}: ${(err as Error).message}`);
  }
}

/** Refuses a folder where another local user could swap or read the token file. */
function checkFolder(dir: string, full: string): void {
  const uid = process.getuid?.();
  if (uid === undefined) return; // Windows: folder ACLs, not mode bits, decide; the per-user profile is private
  const stat = fs.statSync(dir);
  const othersWrite = (stat.mode & 0o022) !== 0;
  if (!othersWrite) return;
  const sticky = (stat.mode & 0o1000) !== 0;
  if (!sticky) {
    throw new TokenFileError(
      `Refusing to write the token file in ${dir}: other users can write to that folder. Choose a private folder.`,
    );
  }
  let target: fs.Stats | null = null;
  try {
    target = fs.lstatSync(full);
  } catch {
    // absent: the exclusive temp file and the rename in a sticky folder cannot be hijacked
  }
  if (target && (target.uid !== uid || !target.isFile())) {
    throw new TokenFileError(
      `Refusing to write the token file ${full}: it already exists and is not a file of yours. Remove it or choose another name.`,
    );
  }
}

/** Removes the file if it still holds this server's token (another server may have replaced it). */
export function removeTokenFile(file: string, token: string): void {
  try {
    if (fs.readFileSync(file, 'utf8').trim() === token) fs.unlinkSync(file);
  } catch {
    // Already gone: nothing to clean up.
  }
}
