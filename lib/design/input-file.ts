/**
 * Reading the files a design names, safely: the design file itself and the
 * customer's Helm override files.
 *
 * The rules, checked before a byte is read:
 * - a design file is whatever regular file the user named on the command line;
 * - an override file is a path relative to the design file that resolves
 *   (symlinks followed) to a regular `.yaml`/`.yml` file inside the design
 *   file's directory: `/etc/shadow` or `../../secrets.yaml` are refused
 *   without being opened;
 * - neither may be larger than {@link MAX_INPUT_FILE_BYTES};
 * - devices, FIFOs, sockets, directories, symlink loops and unreadable files
 *   each get their own message, and nothing is read from them.
 *
 * Messages complete "<file> …" (the caller names the file) and never quote the
 * file's contents.
 */
import * as fs from 'fs';
import * as path from 'path';
import { KUSTOMIZATION_FILE_NAMES } from '../catalog/kustomize-releases';
import { INPUT_LIMITS } from './input-limits';

/** Largest design or override file read: 128 KiB (real ones are a few KiB; see input-limits.ts). */
export const MAX_INPUT_FILE_BYTES = INPUT_LIMITS.fileBytes;
/** File name endings an override file may have (Helm values files are YAML). */
export const OVERRIDE_FILE_EXTENSIONS: readonly string[] = ['.yaml', '.yml'];

/** Why a file was not read: what is wrong and what is allowed. */
export interface InputFileProblem {
  readonly message: string;
  readonly allowed: string;
}

export type InputFileResult = { readonly text: string; readonly realPath: string } | { readonly problem: InputFileProblem };

function describeError(e: NodeJS.ErrnoException): InputFileProblem {
  switch (e.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return { message: 'not found', allowed: 'an existing file' };
    case 'ELOOP':
      return { message: 'is a symbolic link loop', allowed: 'a regular file' };
    case 'EACCES':
    case 'EPERM':
      return { message: 'cannot be read: permission denied', allowed: 'a file you may read' };
    case 'EISDIR':
      return { message: 'is a directory', allowed: 'a regular file' };
    case 'ENAMETOOLONG':
      return { message: 'has a path that is too long', allowed: 'a path the file system accepts' };
    default:
      return { message: `cannot be read (${e.code ?? 'error'})`, allowed: 'a readable regular file' };
  }
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * Reads a regular file of at most `maxBytes`, checking its kind and size on
 * the opened descriptor (so a file swapped for a FIFO after the check cannot
 * block, and a growing file cannot exhaust memory).
 */
function readRegularFile(realPath: string, maxBytes: number): InputFileResult {
  let fd: number;
  try {
    fd = fs.openSync(realPath, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (e) {
    return { problem: describeError(e as NodeJS.ErrnoException) };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { problem: { message: `is ${kindOf(stat)}`, allowed: 'a regular file' } };
    if (stat.size > maxBytes) return { problem: tooLarge(stat.size, maxBytes) };
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) n = fs.readSync(fd, buffer, length, buffer.length - length, null);
    if (length > maxBytes) return { problem: tooLarge(length, maxBytes) };
    const bytes = buffer.subarray(0, length);
    if (bytes.includes(0)) return { problem: { message: 'is a binary file', allowed: 'a YAML text file' } };
    return { text: bytes.toString('utf8'), realPath };
  } catch (e) {
    return { problem: describeError(e as NodeJS.ErrnoException) };
  } finally {
    fs.closeSync(fd);
  }
}

function tooLarge(size: number, maxBytes: number): InputFileProblem {
  const limit = maxBytes >= 1024 * 1024 ? `${maxBytes / 1024 / 1024} MiB` : `${maxBytes / 1024} KiB`;
  return { message: `is larger than ${limit} (${size} bytes)`, allowed: `a file of at most ${maxBytes} bytes` };
}

/** Reads a design file the user named. */
export function readDesignFile(file: string, maxBytes = MAX_INPUT_FILE_BYTES): InputFileResult {
  let realPath: string;
  try {
    realPath = fs.realpathSync(file);
  } catch (e) {
    return { problem: describeError(e as NodeJS.ErrnoException) };
  }
  return readRegularFile(realPath, maxBytes);
}

/**
 * Reads one of a design's override files: `relative` as written in the
 * design, resolved against `designDir` (the design file's directory).
 */
export function readOverrideFile(relative: string, designDir: string, maxBytes = MAX_INPUT_FILE_BYTES): InputFileResult {
  if (relative.length === 0 || relative.includes('\0')) return { problem: { message: 'is not a file path', allowed: 'a YAML file path relative to the design file' } };
  if (path.isAbsolute(relative)) {
    return { problem: { message: 'is an absolute path; override files are named relative to the design file', allowed: 'a path inside the design file\u2019s directory, e.g. customer-override.yaml' } };
  }
  if (!OVERRIDE_FILE_EXTENSIONS.includes(path.extname(relative).toLowerCase())) {
    return { problem: { message: 'is not a YAML file name; Helm override files end in .yaml or .yml', allowed: OVERRIDE_FILE_EXTENSIONS.join(' | ') } };
  }
  const resolved = resolveInsideDesignDir(relative, designDir, 'file');
  return 'problem' in resolved ? resolved : readRegularFile(resolved.realPath, maxBytes);
}

/**
 * `relative` resolved against the design file's directory, symbolic links
 * followed: its real path when it is inside that directory both as written
 * and once resolved. `what` names it in the messages.
 */
function resolveInsideDesignDir(relative: string, designDir: string, what: 'file' | 'directory'): { readonly realPath: string } | { readonly problem: InputFileProblem } {
  let realDir: string;
  try {
    realDir = fs.realpathSync(designDir);
  } catch (e) {
    return { problem: describeError(e as NodeJS.ErrnoException) };
  }
  const lexical = path.resolve(realDir, relative);
  if (!isInside(realDir, lexical)) {
    return { problem: { message: 'is outside the design file\u2019s directory; sg-replica reads only files beside or below the design', allowed: 'a path inside the design file\u2019s directory' } };
  }
  let realPath: string;
  try {
    realPath = fs.realpathSync(lexical);
  } catch (e) {
    return { problem: describeError(e as NodeJS.ErrnoException) };
  }
  if (!isInside(realDir, realPath)) {
    return { problem: { message: `is a symbolic link to a ${what} outside the design file\u2019s directory`, allowed: `a ${what} inside the design file\u2019s directory` } };
  }
  return { realPath };
}

/**
 * Checks a design's Kustomize overlay directory without reading a file in
 * it: `relative` as written in the design, resolved against `designDir`,
 * must be a directory inside the design file's directory (symlinks
 * followed) holding a kustomization file. The overlay's files are read,
 * with their own limits, by the Kustomize code (lib/kustomize/overlay.ts).
 */
export function checkOverlayDirectory(relative: string, designDir: string): { readonly realPath: string } | { readonly problem: InputFileProblem } {
  const allowed = 'a directory inside the design file\u2019s directory holding the customer\u2019s kustomization.yaml, e.g. customer-overlay';
  if (relative.length === 0 || relative.includes('\0')) return { problem: { message: 'is not a directory path', allowed } };
  if (path.isAbsolute(relative)) return { problem: { message: 'is an absolute path; the overlay is named relative to the design file', allowed } };
  const resolved = resolveInsideDesignDir(relative, designDir, 'directory');
  // Every problem of the overlay path says what is allowed in the overlay's terms (realpath failures too).
  if ('problem' in resolved) return { problem: { message: resolved.problem.message, allowed } };
  const { realPath } = resolved;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(realPath);
  } catch (e) {
    return { problem: describeError(e as NodeJS.ErrnoException) };
  }
  if (!stat.isDirectory()) return { problem: { message: `is ${stat.isFile() ? 'a file' : kindOf(stat)}, not a directory`, allowed } };
  if (!KUSTOMIZATION_FILE_NAMES.some((name) => fs.existsSync(path.join(realPath, name)))) {
    return { problem: { message: `holds no kustomization file (${KUSTOMIZATION_FILE_NAMES.join(', ')})`, allowed } };
  }
  return { realPath };
}
