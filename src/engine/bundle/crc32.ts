/**
 * CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum a zip entry carries.
 *
 * Slicing-by-8 (eight 256-entry tables, eight bytes per step): the same value as the bitwise
 * definition, several times faster than one table lookup per byte on the hundreds of megabytes of a
 * large bundle.
 */
const TABLES: Int32Array = (() => {
  const t = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n]!;
    for (let k = 1; k < 8; k++) {
      c = t[c & 0xff]! ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return t;
})();

/**
 * Continues a CRC-32 over `bytes`: `crc` is the running register (start with 0xFFFFFFFF, finish with
 * `(crc ^ 0xFFFFFFFF) >>> 0`), returned as a signed 32-bit integer.
 */
export function crc32Update(crc: number, bytes: Uint8Array): number {
  const t = TABLES;
  let c = crc | 0;
  let i = 0;
  const n = bytes.length;
  const end8 = n - (n & 7);
  while (i < end8) {
    const a = c ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
    c =
      t[1792 + (a & 0xff)]! ^
      t[1536 + ((a >>> 8) & 0xff)]! ^
      t[1280 + ((a >>> 16) & 0xff)]! ^
      t[1024 + (a >>> 24)]! ^
      t[768 + bytes[i + 4]!]! ^
      t[512 + bytes[i + 5]!]! ^
      t[256 + bytes[i + 6]!]! ^
      t[bytes[i + 7]!]!;
    i += 8;
  }
  while (i < n) c = t[(c ^ bytes[i++]!) & 0xff]! ^ (c >>> 8);
  return c;
}

/** CRC-32 of `bytes` as an unsigned 32-bit integer ("123456789" -> 0xCBF43926). */
export function crc32(bytes: Uint8Array): number {
  return (crc32Update(0xffffffff, bytes) ^ 0xffffffff) >>> 0;
}
