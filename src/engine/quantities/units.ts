/**
 * Units and exact conversion constants.
 *
 * Each unit has a factor to its dimension's base unit, chosen so that every
 * factor is a finite decimal (mass: kg, distance: km, energy: MJ, volume: L,
 * transport activity: t.km). Conversions keep an exact ratio (see quantity.ts),
 * so a round trip returns the input digit for digit.
 */
import { Dec } from "./decimal";

export type Dimension = "mass" | "distance" | "energy" | "volume" | "transport";

export interface UnitDef {
  /** Canonical symbol. */
  symbol: string;
  dimension: Dimension;
  /** How many base units one of this unit is, as an exact decimal string. */
  toBase: string;
  label: string;
  /** Other spellings users type in sheets and headers (matched case-insensitively). */
  aliases: readonly string[];
  /** Why the constant is what it is. */
  source: string;
}

const LB_KG = "0.45359237"; // international avoirdupois pound, exact by definition (1959)
const SHORT_TON_KG = "907.18474"; // 2000 lb
const MILE_KM = "1.609344"; // international mile, exact by definition (1959)
const BTU_IT_KJ = "1.05505585262"; // International Table Btu, exact by definition
// MMBtu: 10^6 Btu(IT) = 1055.05585262 MJ. The method brief rounds this to 1.055056 GJ; we keep the exact definition.

export const UNITS: readonly UnitDef[] = [
  // mass (base kg)
  { symbol: "kg", dimension: "mass", toBase: "1", label: "kilogram", aliases: ["kgs", "kilogram", "kilograms", "kilo", "kilos"], source: "SI" },
  { symbol: "t", dimension: "mass", toBase: "1000", label: "tonne (metric ton)", aliases: ["tonne", "tonnes", "metric ton", "metric tons", "mt", "tons (metric)"], source: "SI" },
  { symbol: "g", dimension: "mass", toBase: "0.001", label: "gram", aliases: ["gram", "grams", "gr"], source: "SI" },
  { symbol: "lb", dimension: "mass", toBase: LB_KG, label: "pound", aliases: ["lbs", "pound", "pounds", "lb.", "#"], source: "International yard and pound agreement (1959): 1 lb = 0.45359237 kg exactly" },
  { symbol: "short ton", dimension: "mass", toBase: SHORT_TON_KG, label: "short ton (US ton)", aliases: ["short tons", "us ton", "us tons", "ton (short)", "tons (short)", "short_ton", "st"], source: "2000 lb x 0.45359237 kg" },
  // distance (base km)
  { symbol: "km", dimension: "distance", toBase: "1", label: "kilometre", aliases: ["kilometer", "kilometers", "kilometre", "kilometres", "kms"], source: "SI" },
  { symbol: "m", dimension: "distance", toBase: "0.001", label: "metre", aliases: ["meter", "meters", "metre", "metres"], source: "SI" },
  { symbol: "mi", dimension: "distance", toBase: MILE_KM, label: "mile", aliases: ["mile", "miles", "statute mile", "statute miles"], source: "International mile (1959): 1.609344 km exactly" },
  { symbol: "nmi", dimension: "distance", toBase: "1.852", label: "nautical mile", aliases: ["nautical mile", "nautical miles", "nm", "nmile"], source: "International nautical mile: 1852 m exactly" },
  // energy (base MJ)
  { symbol: "kWh", dimension: "energy", toBase: "3.6", label: "kilowatt-hour", aliases: ["kwh", "kw.h", "kw h", "kilowatt hour", "kilowatt hours", "kilowatt-hours"], source: "1 kWh = 3.6 MJ exactly" },
  { symbol: "MWh", dimension: "energy", toBase: "3600", label: "megawatt-hour", aliases: ["mwh", "megawatt hour", "megawatt hours"], source: "1 MWh = 3600 MJ exactly" },
  { symbol: "GJ", dimension: "energy", toBase: "1000", label: "gigajoule", aliases: ["gj", "gigajoule", "gigajoules"], source: "SI" },
  { symbol: "MJ", dimension: "energy", toBase: "1", label: "megajoule", aliases: ["mj", "megajoule", "megajoules"], source: "SI" },
  { symbol: "MMBtu", dimension: "energy", toBase: "1055.05585262", label: "million British thermal units", aliases: ["mmbtu", "mmbtus", "million btu", "mbtu (million)", "10^6 btu"], source: `International Table Btu: 1 Btu = ${BTU_IT_KJ} kJ exactly` },
  { symbol: "therm", dimension: "energy", toBase: "105.505585262", label: "therm (IT)", aliases: ["therms", "thm"], source: "1 therm = 100,000 Btu(IT)" },
  // volume (base L)
  { symbol: "L", dimension: "volume", toBase: "1", label: "litre", aliases: ["l", "litre", "litres", "liter", "liters", "ltr"], source: "SI (1 L = 1 dm3)" },
  { symbol: "m3", dimension: "volume", toBase: "1000", label: "cubic metre", aliases: ["m³", "cubic metre", "cubic metres", "cubic meter", "cubic meters", "cbm"], source: "SI" },
  { symbol: "US gal", dimension: "volume", toBase: "3.785411784", label: "US gallon", aliases: ["gal", "gallon", "gallons", "us gallon", "us gallons", "gal (us)", "usg"], source: "US gallon = 231 in3 = 3.785411784 L exactly" },
  { symbol: "UK gal", dimension: "volume", toBase: "4.54609", label: "imperial gallon", aliases: ["imperial gallon", "imperial gallons", "imp gal", "uk gallon", "uk gallons", "gal (uk)"], source: "Imperial gallon = 4.54609 L exactly" },
  { symbol: "scf", dimension: "volume", toBase: "28.316846592", label: "standard cubic foot", aliases: ["standard cubic foot", "standard cubic feet", "ft3", "cubic foot", "cubic feet"], source: "1 ft3 = 0.3048^3 m3 = 28.316846592 L exactly; 'standard' means at the publisher's reference conditions, so convert only volumes stated at the same conditions" },
  // transport activity (base t.km)
  { symbol: "t.km", dimension: "transport", toBase: "1", label: "tonne-kilometre", aliases: ["tkm", "t·km", "t-km", "tonne.km", "tonne-km", "tonne km", "tonne-kilometre", "tonne-kilometres", "tonne kilometer"], source: "mass (t) x distance (km)" },
  { symbol: "short ton-mile", dimension: "transport", toBase: "1.45997231821056", label: "short ton-mile", aliases: ["ton-mile", "ton-miles", "ton mile", "ton miles", "short ton-miles", "short ton mile"], source: "0.90718474 t x 1.609344 km (exact product)" },
];

const BY_KEY = new Map<string, UnitDef>();
for (const u of UNITS) {
  BY_KEY.set(u.symbol.toLowerCase(), u);
  for (const a of u.aliases) BY_KEY.set(a.toLowerCase(), u);
}
/** Case-sensitive exceptions where case carries meaning (m vs M is not an issue here; MJ/mj are both energy). */

const TO_BASE_CACHE = new Map<string, Dec>();

/** Looks up a unit by symbol or alias (case-insensitive, spaces collapsed). */
export function findUnit(text: string): UnitDef | undefined {
  const key = text.trim().replace(/\s+/g, " ").toLowerCase();
  return BY_KEY.get(key);
}

export function unitsOf(dimension: Dimension): UnitDef[] {
  return UNITS.filter((u) => u.dimension === dimension);
}

export function toBaseFactor(u: UnitDef): Dec {
  let f = TO_BASE_CACHE.get(u.symbol);
  if (!f) {
    f = new Dec(u.toBase);
    TO_BASE_CACHE.set(u.symbol, f);
  }
  return f;
}

/** Canonical units of the engine (what the method brief reports in). */
export const CANONICAL: Readonly<Record<Dimension, string>> = {
  mass: "kg",
  distance: "km",
  energy: "kWh",
  volume: "L",
  transport: "t.km",
};
