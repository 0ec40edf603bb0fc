/** `esg method`: the method id and version and the pinned factor libraries. */
import { METHOD, ENGINE_VERSION } from "../../engine";
import { bundledRegistry } from "../../bundled/libraries";
import { parseArgs, table, type CliIo } from "../io";

export const METHOD_HELP = `esg method [--json]
  Prints the method id and version, the engine version and the pinned factor libraries with their SHA-256.`;

export function methodCommand(argv: readonly string[], io: CliIo): number {
  const { flags } = parseArgs(argv, ["json"]);
  const metas = bundledRegistry().libraries;
  if (flags.has("json")) {
    io.out(JSON.stringify({ method: { id: METHOD.id, version: METHOD.version, title: METHOD.title }, engineVersion: ENGINE_VERSION, libraries: METHOD.libraries, taxonomy: METHOD.taxonomy }, null, 2));
    return 0;
  }
  io.out(`${METHOD.id} ${METHOD.version} — ${METHOD.title}\nengine ${ENGINE_VERSION}\n`);
  io.out(
    table(
      ["library", "version", "edition", "licence", "factors", "sha256"],
      METHOD.libraries.map((p) => {
        const m = metas.find((x) => x.id === p.id && x.version === p.version);
        return [p.id, p.version, m?.edition ?? "?", m?.licence.id ?? "?", String(m?.factorCount ?? "?"), p.dataSha256];
      }),
      80,
    ),
  );
  return 0;
}
