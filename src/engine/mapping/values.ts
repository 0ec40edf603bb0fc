/**
 * Reading cell values as the user meant them: numbers with thousands separators
 * or decimal commas and units in the cell ("12,5 kg"), dates as Excel serials or
 * text in any common order, yes/no flags, ISO country codes, serial-like strings.
 * Pure functions; numbers become Decimals without passing through binary floats.
 */
import { Dec, toDec } from "../quantities/decimal";
import { findUnit, type UnitDef } from "../quantities/units";

/** A cell as the gateways hand it over ("" or null for empty). */
export type SheetCell = string | number | boolean | null | undefined;

export function cellText(c: SheetCell): string {
  if (c === null || c === undefined) return "";
  return typeof c === "string" ? c.trim() : String(c);
}

export function isBlank(c: SheetCell): boolean {
  return cellText(c) === "";
}

export interface ParsedNumber {
  amount: Dec;
  /** Unit text written in the cell, if any ("kg" in "12.5 kg"). */
  unitText?: string;
  unit?: UnitDef;
}

const NUMBER_WITH_UNIT = /^([+-]?(?:\d[\d\s'.,]*\d|\d)(?:[eE][+-]?\d+)?)\s*([^\d\s].*)?$/u;

/** "1,234.5" / "1.234,5" / "12,5" / "1 234" -> decimal string, or null. */
export function normaliseNumberText(text: string, decimalComma = false): string | null {
  let t = text.replace(/[\s'\u00a0\u202f]/g, "");
  if (t === "") return null;
  const hasComma = t.includes(",");
  const hasDot = t.includes(".");
  if (decimalComma) {
    t = t.replace(/\./g, "").replace(",", ".");
  } else if (hasComma && hasDot) {
    // The later separator is the decimal one.
    t = t.lastIndexOf(",") > t.lastIndexOf(".") ? t.replace(/\./g, "").replace(",", ".") : t.replace(/,/g, "");
  } else if (hasComma) {
    t = /^[+-]?\d{1,3}(,\d{3})+$/.test(t) ? t.replace(/,/g, "") : t.replace(",", ".");
  } else if (hasDot && /^[+-]?\d{1,3}(\.\d{3}){2,}$/.test(t)) {
    t = t.replace(/\./g, ""); // 1.234.567
  }
  return toDec(t) === null ? null : t;
}

/** Parses a number cell, with an optional unit after the number ("12.5 kg", "3 lbs"). */
export function parseNumberCell(c: SheetCell, decimalComma = false): ParsedNumber | null {
  if (typeof c === "number") {
    const d = toDec(c);
    return d === null ? null : { amount: d };
  }
  if (typeof c !== "string") return null;
  const m = NUMBER_WITH_UNIT.exec(c.trim());
  if (!m) return null;
  const num = normaliseNumberText(m[1]!, decimalComma);
  if (num === null) return null;
  const unitText = m[2]?.trim();
  if (unitText === undefined || unitText === "") return { amount: new Dec(num) };
  const unit = findUnit(unitText);
  return { amount: new Dec(num), unitText, ...(unit ? { unit } : {}) };
}

/** True for values that look like a decimal-comma number ("12,5", "1.234,56"). */
export function looksDecimalComma(text: string): boolean {
  const t = text.trim();
  return /^[+-]?\d+,\d{1,2}(\s*\D.*)?$/.test(t) || /^[+-]?\d{1,3}(\.\d{3})+,\d+/.test(t) || /^[+-]?\d+,\d{4,}/.test(t);
}

// ---- dates -----------------------------------------------------------------

export type DateOrder = "dmy" | "mdy" | "ymd";

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, januar: 1, janvier: 1, enero: 1,
  feb: 2, february: 2, februar: 2, fevrier: 2, febrero: 2,
  mar: 3, march: 3, maerz: 3, märz: 3, mrz: 3, mars: 3, marzo: 3,
  apr: 4, april: 4, avril: 4, abril: 4,
  may: 5, mai: 5, mayo: 5,
  jun: 6, june: 6, juni: 6, juin: 6, junio: 6,
  jul: 7, july: 7, juli: 7, juillet: 7, julio: 7,
  aug: 8, august: 8, aout: 8, agosto: 8,
  sep: 9, sept: 9, september: 9, septembre: 9, septiembre: 9,
  oct: 10, october: 10, okt: 10, oktober: 10, octobre: 10, octubre: 10,
  nov: 11, november: 11, novembre: 11, noviembre: 11,
  dec: 12, december: 12, dez: 12, dezember: 12, decembre: 12, diciembre: 12,
};

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function iso(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Excel serial (1900 system, with its 1900-02-29) -> ISO date; civil-from-days, no Date object. */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 61 || serial >= 2958466) return null; // from 1900-03-01
  const days = Math.floor(serial) - 25569; // days since 1970-01-01
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return iso(y, m, d);
}

function fullYear(y: string): number {
  const n = Number(y);
  return y.length <= 2 ? (n < 70 ? 2000 + n : 1900 + n) : n;
}

/** Which of d/m/y or m/d/y a set of "a/b/yyyy" texts must be (null when every one is ambiguous). */
export function detectDateOrder(texts: readonly string[]): DateOrder | null {
  let dmy = 0;
  let mdy = 0;
  for (const t of texts) {
    const m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})/.exec(t.trim());
    if (!m) continue;
    if (Number(m[1]) > 12) dmy++;
    else if (Number(m[2]) > 12) mdy++;
  }
  if (dmy > 0 && mdy === 0) return "dmy";
  if (mdy > 0 && dmy === 0) return "mdy";
  return null;
}

/** A date cell -> "YYYY-MM-DD", or null. Numbers are Excel serials. */
export function parseDateCell(c: SheetCell, order?: DateOrder): string | null {
  if (typeof c === "number") return excelSerialToIso(c);
  if (typeof c !== "string") return null;
  const t = c.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s].*)?$/.exec(t);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})(?:\s.*)?$/.exec(t);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = fullYear(m[3]!);
    const sep = t.charAt(m[1]!.length);
    const o = order ?? (a > 12 ? "dmy" : b > 12 ? "mdy" : sep === "/" ? "mdy" : "dmy");
    return o === "mdy" ? iso(y, a, b) : iso(y, b, a);
  }
  m = /^(\d{1,2})\.?\s*([A-Za-zäé]+)\.?,?\s*(\d{2,4})$/.exec(t); // 15 Mar 2024, 15. März 2024
  if (m && MONTHS[m[2]!.toLowerCase()]) return iso(fullYear(m[3]!), MONTHS[m[2]!.toLowerCase()]!, Number(m[1]));
  m = /^([A-Za-zäé]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(t); // Mar 15, 2024
  if (m && MONTHS[m[1]!.toLowerCase()]) return iso(Number(m[3]), MONTHS[m[1]!.toLowerCase()]!, Number(m[2]));
  return null;
}

/** A period cell -> "YYYY-MM" (month), "YYYY-Qn" or "YYYY"; dates give their month. */
export function parsePeriodCell(c: SheetCell): string | null {
  if (typeof c === "number") {
    if (Number.isInteger(c) && c >= 1900 && c <= 2200) return String(c);
    return excelSerialToIso(c)?.slice(0, 7) ?? null;
  }
  if (typeof c !== "string") return null;
  const t = c.trim();
  let m = /^(\d{4})[-/.](\d{1,2})$/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}-${m[2]!.padStart(2, "0")}`;
  m = /^(\d{1,2})[-/.](\d{4})$/.exec(t);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return `${m[2]}-${m[1]!.padStart(2, "0")}`;
  m = /^([A-Za-zäé]+)\.?[\s-]+'?(\d{2,4})$/.exec(t);
  if (m && MONTHS[m[1]!.toLowerCase()]) return `${fullYear(m[2]!)}-${String(MONTHS[m[1]!.toLowerCase()]).padStart(2, "0")}`;
  m = /^(?:(\d{4})\s*-?\s*Q([1-4])|Q([1-4])\s*-?\s*(\d{4}))$/i.exec(t);
  if (m) return `${m[1] ?? m[4]}-Q${m[2] ?? m[3]}`;
  if (/^\d{4}$/.test(t)) return t;
  return parseDateCell(t)?.slice(0, 7) ?? null;
}

// ---- flags, countries, serials ---------------------------------------------

const TRUE_WORDS = new Set(["yes", "y", "true", "1", "x", "ja", "j", "oui", "si", "sí", "wahr", "data bearing", "data-bearing"]);
const FALSE_WORDS = new Set(["no", "n", "false", "0", "nein", "non", "falsch", "none", "-"]);

export function parseBooleanCell(c: SheetCell): boolean | null {
  if (typeof c === "boolean") return c;
  const t = cellText(c).toLowerCase();
  if (TRUE_WORDS.has(t)) return true;
  if (FALSE_WORDS.has(t)) return false;
  return null;
}

/** ISO 3166-1 alpha-2 codes (officially assigned), plus UK and EL as used in EU statistics. */
const ALPHA2 = new Set(
  ("AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ " +
    "DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT " +
    "JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI " +
    "NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK " +
    "TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW UK EL").split(" "),
);
/** Alpha-3 codes of the countries most often seen in these sheets (EU, OECD, G20, main processing hubs). */
const ALPHA3 = new Set(
  ("AUT BEL BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN IRL ITA LVA LTU LUX MLT NLD POL PRT ROU SVK SVN ESP SWE GBR NOR CHE ISL LIE USA CAN MEX BRA ARG CHL COL PER " +
    "CHN JPN KOR IND IDN MYS SGP THA VNM PHL TWN HKG AUS NZL ZAF NGA GHA KEN EGY MAR TUR ISR ARE SAU QAT RUS UKR SRB BIH MKD ALB MNE MDA BLR PAK BGD LKA").split(" "),
);

export function isCountryCode(c: SheetCell): boolean {
  const t = cellText(c);
  return (t.length === 2 && ALPHA2.has(t.toUpperCase()) && t === t.toUpperCase()) || (t.length === 3 && ALPHA3.has(t.toUpperCase()) && t === t.toUpperCase());
}

/** Serial-like: 5-24 characters of letters and digits (dashes allowed), with both letters and digits. */
export function isSerialLike(c: SheetCell): boolean {
  const t = cellText(c);
  return /^[A-Za-z0-9][A-Za-z0-9-]{4,23}$/.test(t) && /\d/.test(t) && /[A-Za-z]/.test(t);
}
