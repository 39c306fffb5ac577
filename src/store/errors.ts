/**
 * Database failures in words a user can act on. SQLite's own messages ("database or disk is
 * full", "file is not a database") name no file, and a cron log needs the path and the fix.
 */

export class DatabaseError extends Error {
  override name = 'DatabaseError';
  constructor(
    message: string,
    readonly file: string,
    /** true: the database given cannot be used and nothing was done (exit 2); false: a job failed part way (exit 1). */
    readonly unusableInput: boolean,
  ) {
    super(message);
  }
}

/** better-sqlite3's SqliteError and Node's fs errors both carry a string `code`. */
const codeOf = (err: unknown): string | undefined =>
  err && typeof err === 'object' && typeof (err as { code?: unknown }).code === 'string'
    ? (err as { code: string }).code
    : undefined;

/** What went wrong and what to do, by error code; undefined for errors that are not about the database file. */
function explain(code: string, file: string): string | undefined {
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT')
    return `the disk holding database ${file} is full (${code}): free space there or pass --db on another disk; an interrupted crawl continues with --resume`;
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS')
    return `database ${file} is read-only (${code}): govscan writes to it (journal, migrations, results, scores); make the file and its directory writable, or copy it somewhere writable and pass --db`;
  if (code === 'SQLITE_NOTADB')
    return `${file} is not a SQLite database (${code}): pass the right --db (a govscan database, e.g. output/govscan.db)`;
  if (code.startsWith('SQLITE_CORRUPT'))
    return `database ${file} is corrupt (${code}): restore it from a backup; \`sqlite3 ${file} .recover\` may save what is left`;
  if (code.startsWith('SQLITE_CANTOPEN'))
    return `cannot open database ${file} (${code}): it is a directory, or its directory is missing or not writable; pass --db with a file path`;
  if (code === 'EACCES' || code === 'EPERM' || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_AUTH'))
    return `no permission to use database ${file} (${code}): check the permissions of the file and its directory, or pass --db`;
  if (code === 'ENOTDIR' || code === 'EEXIST' || code === 'EISDIR' || code === 'ENAMETOOLONG')
    return `cannot use database path ${file} (${code}): a part of the path is not a directory; pass --db with a file path`;
  if (code.startsWith('SQLITE_IOERR'))
    return `disk I/O error on database ${file} (${code}): check the disk (dmesg) and free space, then retry`;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return `database ${file} stayed locked by another process (${code}): wait for it to finish, then retry`;
  return undefined;
}

/**
 * The error as a DatabaseError naming the file and what govscan was doing, or the error itself
 * when it is not about the database (a bug, a bad argument): those keep their own message.
 */
export function databaseError(
  err: unknown,
  file: string,
  doing: string,
  unusableInput: boolean,
  fileSystemToo = false,
): unknown {
  if (err instanceof DatabaseError) return err;
  const code = codeOf(err);
  // Past opening, an fs error (ENOSPC, EACCES) is about another file (an export, a report), not the database.
  if (!code || (!code.startsWith('SQLITE_') && !fileSystemToo)) return err;
  const text = explain(code, file);
  if (!text) return err;
  return new DatabaseError(`${text} (while ${doing}; SQLite said: ${(err as Error).message})`, file, unusableInput);
}

/** Run fn; a failure of the database file itself becomes a DatabaseError naming the file. `fileSystemToo`: fn only touches the database's path (opening). */
export function guardDb<T>(file: string, doing: string, unusableInput: boolean, fn: () => T, fileSystemToo = false): T {
  try {
    return fn();
  } catch (e) {
    throw databaseError(e, file, doing, unusableInput, fileSystemToo);
  }
}

export async function guardDbAsync<T>(
  file: string,
  doing: string,
  unusableInput: boolean,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw databaseError(e, file, doing, unusableInput);
  }
}
