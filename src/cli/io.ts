/** Output helpers for the `esg` command: aligned tables and JSON, written to injected streams. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

// A closed pipe (`esg factors x | head`) is not an error of ours.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

export const processIo: CliIo = {
  out: (t) => process.stdout.write(t.endsWith("\n") ? t : t + "\n"),
  err: (t) => process.stderr.write(t.endsWith("\n") ? t : t + "\n"),
};

/** Renders rows as an aligned text table; long cells are cut at `maxWidth` with an ellipsis. */
export function table(header: string[], rows: string[][], maxWidth = 60): string {
  const cut = (s: string) => (s.length > maxWidth ? s.slice(0, maxWidth - 1) + "…" : s);
  const all = [header, ...rows].map((r) => r.map(cut));
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(all[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...all.slice(1).map(line)].join("\n");
}

/** Splits argv into positional arguments and --flags (--name value | --name=value | --bool). */
export function parseArgs(argv: readonly string[], booleanFlags: readonly string[] = []): { positional: string[]; flags: Map<string, string | true> } {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
      else {
        const name = a.slice(2);
        const next = argv[i + 1];
        if (!booleanFlags.includes(name) && next !== undefined && !next.startsWith("--")) {
          flags.set(name, next);
          i++;
        } else flags.set(name, true);
      }
    } else positional.push(a);
  }
  return { positional, flags };
}

/** A usage error: printed with the command's help, exit code 2. */
export class UsageError extends Error {}
