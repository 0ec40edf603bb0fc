/**
 * Default factors of the recycling credit (method brief §5.3) when the user gives a material but
 * no factors [P, project proposal]:
 *
 *   E*v     <- DESNZ "Material use", primary material production of the material (cradle-to-gate);
 *   ErecEoL <- DESNZ "Material use", closed-loop source of the same material, as a PROXY: DESNZ
 *              publishes the cradle-to-gate burden of material made from closed-loop recycled
 *              input, which stands in for the recycling process incl. collection and sorting.
 *
 * Only materials for which DESNZ publishes BOTH rows have a default pair. A known material without
 * a pair (copper, precious metals, boards, batteries ...) is FACTOR_NOT_PUBLISHED (the user passes
 * the factors as numbers); an unknown name is UNKNOWN_ID with "did you mean". Pure: returns factor
 * ids only; the caller resolves them through its registry.
 */
import { fail } from "../issues/issue";
import { suggest } from "../issues/suggest";
import type { FactorRegistry } from "../factors/registry";
import type { AllocationChoice } from "./cff";

/**
 * Allocation of a recycling credit when neither a named allocation nor A is given: 50-50 (A = 0.5),
 * the same default as the submission pipeline (`src/engine/pipeline/run.ts`). Recorded as defaulted.
 */
export const DEFAULT_RECYCLING_ALLOCATION: AllocationChoice = "50-50";

/** What ErecEoL stands for when the closed-loop row is used in its place. */
export const ERECEOL_PROXY_NOTE =
  "ErecEoL (recycling at end of life incl. collection and sorting): DESNZ 'closed-loop source' (cradle-to-gate burden of material from closed-loop recycled input) used as a proxy [P]";

export interface RecyclingFactorDefaults {
  /** Canonical material key, e.g. "aluminium". */
  readonly material: string;
  /** What the user wrote, as matched. */
  readonly matched: string;
  readonly label: string;
  /** E*v: DESNZ primary material production (kg CO2e/t; the method converts to per kg). */
  readonly virginFactorId: string;
  /** ErecEoL proxy: DESNZ closed-loop source (kg CO2e/t). */
  readonly recyclingFactorId: string;
  /** What the closed-loop row stands in for (for TraceFactor.proxyFor). */
  readonly recyclingProxyFor: string;
  /** Material-specific proxy notes (e.g. cans standing in for scrap from WEEE); may be empty. */
  readonly notes: readonly string[];
}

interface PairEntry {
  readonly key: string;
  readonly label: string;
  /** DESNZ "Material use" path under desnz.material., e.g. "metal.metal-steel-cans". */
  readonly slug: string;
  readonly aliases: readonly string[];
  readonly note?: string;
}

interface NoPairEntry {
  readonly key: string;
  readonly label: string;
  readonly aliases: readonly string[];
  /** Why there is no pair, when it is not simply absent from DESNZ. */
  readonly why?: string;
}

const PAIRS: readonly PairEntry[] = [
  {
    key: "aluminium",
    label: "Aluminium",
    slug: "metal.metal-aluminium-cans-and-foil-excl-forming",
    aliases: ["al", "aluminum", "alu", "aluminium scrap", "aluminum scrap"],
    note: "DESNZ publishes aluminium only as 'cans and foil (excl. forming)'; used for aluminium recovered from WEEE [P].",
  },
  {
    key: "steel",
    label: "Steel (ferrous metals)",
    slug: "metal.metal-steel-cans",
    aliases: ["fe", "ferrous", "ferrous metal", "ferrous metals", "iron", "steel scrap", "ferrous scrap"],
    note: "DESNZ publishes steel only as 'steel cans'; used for ferrous metals recovered from WEEE [P].",
  },
  { key: "scrap-metal", label: "Scrap metal (mixed)", slug: "metal.metal-scrap-metal", aliases: ["scrap metal", "scrap", "metal", "metals", "mixed metal", "mixed metals"] },
  { key: "mixed-cans", label: "Mixed cans", slug: "metal.metal-mixed-cans", aliases: ["mixed cans", "cans"] },
  {
    key: "plastics",
    label: "Plastics (average)",
    slug: "plastic.plastics-average-plastics",
    aliases: ["plastic", "average plastics", "mixed plastics", "pla-nobfr", "pla-mix", "plastics without bfr"],
    note: "DESNZ 'average plastics' used for plastics recovered from WEEE; plastics containing brominated flame retardants are excluded (no default) [P].",
  },
  { key: "plastic-rigid", label: "Plastics, average rigid", slug: "plastic.plastics-average-plastic-rigid", aliases: ["rigid plastic", "rigid plastics", "plastics rigid"] },
  { key: "plastic-film", label: "Plastics, average film", slug: "plastic.plastics-average-plastic-film", aliases: ["plastic film", "film"] },
  { key: "hdpe", label: "HDPE", slug: "plastic.plastics-hdpe-incl-forming", aliases: ["high-density polyethylene"] },
  { key: "ldpe", label: "LDPE and LLDPE", slug: "plastic.plastics-ldpe-and-lldpe-incl-forming", aliases: ["lldpe", "low-density polyethylene"] },
  { key: "pet", label: "PET", slug: "plastic.plastics-pet-incl-forming", aliases: ["polyethylene terephthalate"] },
  { key: "pp", label: "PP", slug: "plastic.plastics-pp-incl-forming", aliases: ["polypropylene"] },
  { key: "ps", label: "PS", slug: "plastic.plastics-ps-incl-forming", aliases: ["polystyrene"] },
  { key: "pvc", label: "PVC", slug: "plastic.plastics-pvc-incl-forming", aliases: ["polyvinyl chloride"] },
  {
    key: "glass",
    label: "Glass",
    slug: "other.glass",
    aliases: ["gls-oth", "other glass", "lcd glass"],
    note: "DESNZ 'glass' (container glass) used for non-leaded glass recovered from WEEE [P].",
  },
  { key: "paper", label: "Paper", slug: "paper.paper-and-board-paper", aliases: [] },
  { key: "cardboard", label: "Cardboard (paper and board: board)", slug: "paper.paper-and-board-board", aliases: ["board", "carton", "corrugated"] },
  { key: "paper-and-board", label: "Paper and board, mixed", slug: "paper.paper-and-board-mixed", aliases: ["paper and board", "mixed paper"] },
];

const NO_PAIRS: readonly NoPairEntry[] = [
  { key: "copper", label: "Copper", aliases: ["cu", "copper scrap", "cbl", "cable", "cables", "wire", "wires"] },
  { key: "precious-metals", label: "Precious-metal-bearing fractions", aliases: ["pm-bear", "precious metal", "gold", "silver", "palladium"] },
  { key: "circuit-boards", label: "Printed circuit boards", aliases: ["pcb", "pcb-hg", "pcb-mg", "pcb-lg", "circuit board", "printed circuit boards"] },
  {
    key: "batteries",
    label: "Batteries",
    aliases: ["battery", "bat-liion", "bat-liprim", "bat-nimh", "bat-nicd", "bat-pb", "bat-alk", "bat-button", "li-ion", "lithium-ion"],
    why: "it publishes primary material production of batteries but no closed-loop source",
  },
  { key: "bfr-plastics", label: "Plastics with brominated flame retardants", aliases: ["pla-bfr", "bfr plastics", "plastics with bfr"], why: "a hazardous fraction (EN 50625 series), not recycled in a closed loop" },
  { key: "crt-glass", label: "CRT glass (leaded)", aliases: ["crt-panel", "crt-funnel", "crt-mixed", "leaded glass"] },
  { key: "abs", label: "ABS", aliases: ["acrylonitrile butadiene styrene"] },
  { key: "polycarbonate", label: "Polycarbonate", aliases: ["pc"] },
  { key: "stainless-steel", label: "Stainless steel", aliases: ["stainless"] },
  { key: "brass", label: "Brass", aliases: [] },
  { key: "lead", label: "Lead", aliases: ["pb"] },
  { key: "nickel", label: "Nickel", aliases: ["ni"] },
  { key: "zinc", label: "Zinc", aliases: ["zn"] },
  { key: "tin", label: "Tin", aliases: ["sn"] },
];

/** Lower case, words joined by "-": "Ferrous metals" -> "ferrous-metals", "PLA_MIX" -> "pla-mix". */
function normalise(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

const factorId = (slug: string, source: "primary-material-production" | "closed-loop-source") => `desnz.material.${slug}.${source}.t.cradle-to-gate`;

function namesOf(e: { key: string; aliases: readonly string[] }, slug?: string): string[] {
  const names = [e.key, ...e.aliases];
  if (slug) names.push(slug.slice(slug.indexOf(".") + 1));
  return names.map(normalise);
}

const PAIR_BY_NAME = new Map<string, PairEntry>();
const NO_PAIR_BY_NAME = new Map<string, NoPairEntry>();
for (const e of PAIRS) for (const n of namesOf(e, e.slug)) PAIR_BY_NAME.set(n, e);
for (const e of NO_PAIRS) for (const n of namesOf(e)) NO_PAIR_BY_NAME.set(n, e);
// Plural forms ("plastic" / "plastics", "pp" has none): accept a trailing "s" when the singular is known.
const lookup = <T>(map: Map<string, T>, n: string): T | undefined => map.get(n) ?? (n.endsWith("s") ? map.get(n.slice(0, -1)) : map.get(`${n}s`));

/** Materials with a default factor pair (canonical keys), for help pages and suggestions. */
export const RECYCLING_DEFAULT_MATERIALS: readonly string[] = PAIRS.map((e) => e.key);

/** Every name a material may be given by (canonical keys and aliases). */
export function recyclingMaterialNames(): string[] {
  return [...new Set([...PAIRS.flatMap((e) => [e.key, ...e.aliases]), ...NO_PAIRS.flatMap((e) => [e.key, ...e.aliases])])];
}

/** "Did you mean": canonical keys first, then longer aliases (short codes such as "al" match too much). */
function materialSuggestions(material: string): string[] {
  const keys = [...PAIRS, ...NO_PAIRS].map((e) => e.key);
  const longer = recyclingMaterialNames().filter((n) => n.length > 3);
  return [...new Set([...suggest(material, keys), ...suggest(material, longer)])].slice(0, 3);
}

/**
 * The default E*v and ErecEoL factor ids of a material (DESNZ "Material use": primary material
 * production and closed-loop source). Fails with UNKNOWN_ID (an unknown material, with "did you
 * mean") or FACTOR_NOT_PUBLISHED (a known material without a published pair). With a registry, also
 * checks that both ids are loaded (UNKNOWN_FACTOR otherwise).
 */
export function defaultRecyclingFactors(material: string, registry?: FactorRegistry): RecyclingFactorDefaults {
  const n = normalise(material);
  const hit = n === "" ? undefined : lookup(PAIR_BY_NAME, n);
  if (!hit) {
    const none = n === "" ? undefined : lookup(NO_PAIR_BY_NAME, n);
    if (none) {
      fail("FACTOR_NOT_PUBLISHED", {
        source: "DESNZ 'Material use' (the shipped libraries)",
        what: `${none.label.toLowerCase()} ('${material.trim()}') as a default pair of primary material production (E*v) and closed-loop source (ErecEoL)${none.why ? ` (${none.why})` : ""}; pass the virgin and recycling factors as numbers in kg CO2e/kg (or as factor ids)`,
      });
    }
    fail("UNKNOWN_ID", { argument: "material", what: "recycling material", value: material.trim() }, materialSuggestions(material));
  }
  const virginFactorId = factorId(hit.slug, "primary-material-production");
  const recyclingFactorId = factorId(hit.slug, "closed-loop-source");
  if (registry) {
    for (const id of [virginFactorId, recyclingFactorId]) if (!registry.has(id)) fail("UNKNOWN_FACTOR", { value: id, scope: " in the loaded libraries (default recycling factor)" });
  }
  return {
    material: hit.key,
    matched: material.trim(),
    label: hit.label,
    virginFactorId,
    recyclingFactorId,
    recyclingProxyFor: ERECEOL_PROXY_NOTE,
    notes: hit.note ? [hit.note] : [],
  };
}
