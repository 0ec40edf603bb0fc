/**
 * SHA256SUMS: the list of every hashed entry of a bundle in the text format `sha256sum -c` reads
 * (GNU coreutils): one line per file, `<64 lowercase hex>  <path>` (two spaces = text mode, which
 * on POSIX reads the same bytes as binary mode), LF endings, sorted by path (UTF-16 code-unit order,
 * which is byte order for the ASCII paths a bundle uses). Paths never need GNU's backslash escaping
 * because bundle paths contain no backslash, newline or carriage return.
 */
export interface SumLine {
  path: string;
  sha256: string;
}

const LINE = /^([0-9a-f]{64}) {2}(\S(?:.*\S)?)$/;

export function formatSha256Sums(lines: readonly SumLine[]): string {
  const sorted = [...lines].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) if (sorted[i]!.path === sorted[i - 1]!.path) throw new Error(`SHA256SUMS: duplicate path ${sorted[i]!.path}`);
  return sorted
    .map((l) => {
      if (!/^[0-9a-f]{64}$/.test(l.sha256)) throw new Error(`SHA256SUMS: '${l.sha256}' is not a lowercase SHA-256 hex digest`);
      if (/[\\\n\r]/.test(l.path)) throw new Error(`SHA256SUMS: path '${l.path}' would need escaping`);
      return `${l.sha256}  ${l.path}\n`;
    })
    .join("");
}

/** Parses a SHA256SUMS text strictly (the format above); problems name the line. */
export function parseSha256Sums(text: string): { lines: SumLine[]; problems: string[] } {
  const problems: string[] = [];
  const lines: SumLine[] = [];
  if (text.length > 0 && !text.endsWith("\n")) problems.push("the last line does not end with LF");
  const raw = text.endsWith("\n") ? text.slice(0, -1) : text;
  if (raw.length === 0) return { lines, problems: [...problems, "no lines"] };
  raw.split("\n").forEach((line, i) => {
    const m = LINE.exec(line);
    if (!m) {
      problems.push(`line ${i + 1} is not '<64 lowercase hex>  <path>': ${JSON.stringify(line.slice(0, 120))}`);
      return;
    }
    const path = m[2]!;
    const prev = lines[lines.length - 1];
    if (prev && !(prev.path < path)) problems.push(`line ${i + 1}: '${path}' is out of order or repeated`);
    lines.push({ path, sha256: m[1]! });
  });
  return { lines, problems };
}
