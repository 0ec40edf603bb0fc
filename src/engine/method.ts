/**
 * The method this engine implements and the factor library versions it pins.
 * A result, a workbook and a bundle all record these; a verifier recomputes
 * with exactly these versions (see docs/governance.md once it exists).
 */
export interface PinnedLibrary {
  id: string;
  version: string;
  /** SHA-256 of the library's factors.json; the registry refuses a library that does not match. */
  dataSha256: string;
}

export interface MethodInfo {
  id: string;
  version: string;
  title: string;
  /** Libraries pinned by this method version, in order of preference for edition choice. */
  libraries: readonly PinnedLibrary[];
  /** Taxonomy table versions pinned by this method version. */
  taxonomy: readonly { id: string; version: string }[];
}

export const ENGINE_VERSION = "0.1.0";

export { METHOD } from "./method-pins";
