/**
 * Excel custom functions in the ESG namespace. Each is one line: the arguments
 * as Excel passes them go to the one wrapper (`excelCall`), which checks,
 * coerces, broadcasts over ranges and returns cells or errors. Declared as
 * `export function` so the metadata generator sees them (arrow functions are
 * skipped). Parameters are matrices so a whole column is one call that spills.
 * The specs (parameters, units, implementations) are in `specs/`; the JSDoc
 * here is what Insert Function shows and must name the same parameters.
 */
import { excelCall } from "./excel-adapter";

/**
 * The method id and version and the factor library versions this add-in pins.
 * @customfunction METHOD
 * @helpurl https://localhost:3000/help/METHOD.html
 * @returns Two columns: what, version.
 */
export function method(): unknown[][] {
  return excelCall("METHOD", []);
}

/**
 * A factor's value, or another field of it (unit, source, table, row, year, region, licence, library, gwp, label, boundary).
 * @customfunction FACTOR
 * @helpurl https://localhost:3000/help/FACTOR.html
 * @param factor_id Factor id, e.g. "desnz.electricity.uk.kwh.generation" (see ESG.FACTORS).
 * @param [field] Which field: value, unit, source, table, row, year, region, licence, library, gwp, label or boundary; value when omitted.
 * @param [region] Region code when the id exists for several regions (e.g. GB, US).
 * @param [year] Year when the id exists for several editions (e.g. 2024); the method's preferred edition when omitted.
 * @returns The factor's value (a number) or the field asked for; spills for a range of ids.
 */
export function factor(factor_id: unknown[][], field?: unknown[][], region?: unknown[][], year?: unknown[][]): unknown[][] {
  return excelCall("FACTOR", [factor_id, field, region, year]);
}

/**
 * Spills the factors matching a search, with value, unit, region, year, source, library and licence.
 * @customfunction FACTORS
 * @helpurl https://localhost:3000/help/FACTORS.html
 * @param query Words to search for in factor ids, labels, categories, regions, years, units and libraries, e.g. "HGV average laden".
 * @param [limit] Most rows to return (1 to 1000); 20 when omitted.
 * @param [headers] TRUE for a heading row (the default), FALSE for data rows only.
 * @returns A table: id, value, unit, region, year, source, library, licence.
 */
export function factors(query: unknown[][], limit?: unknown[][], headers?: unknown[][]): unknown[][] {
  return excelCall("FACTORS", [query, limit, headers]);
}

/**
 * Spills how one call of an ESG function is computed: result, method clause, steps, inputs, factors with source and year, notes and flags.
 * @customfunction TRACE
 * @helpurl https://localhost:3000/help/TRACE.html
 * @param function_name Name of the function to explain, e.g. "TRANSPORT_CO2" (with or without "ESG.").
 * @param [args] The arguments of that call, in the same order as in the function itself (single values, not ranges).
 * @returns Two columns: what, detail.
 */
export function trace(function_name: unknown[][], args?: unknown[][][]): unknown[][] {
  return excelCall("TRACE", [function_name, ...(args ?? [])]);
}

/**
 * Freight transport emissions of one leg, distance-based: mass x distance x mode intensity (well-to-wheel by default), in kg CO2e.
 * @customfunction TRANSPORT_CO2
 * @helpurl https://localhost:3000/help/TRANSPORT_CO2.html
 * @param mass_kg Freight mass of the consignment in kg (including packaging).
 * @param distance_km Distance of the leg in km.
 * @param mode Transport mode id or synonym (e.g. "road.hgv", "rail.freight", "sea.container", "air.longhaul"), a TTW factor id, or a carrier's own WTW intensity in kg CO2e/t.km as a number.
 * @param [options] Options as "name=value" text: boundary=WTW|TTW, factorset=desnz|epa, gwp=AR4|AR5|AR6, year=….
 * @returns The result in kg CO2e; spills for ranges.
 */
export function transportCo2(mass_kg: unknown[][], distance_km: unknown[][], mode: unknown[][], options?: unknown[]): unknown[][] {
  return excelCall("TRANSPORT_CO2", [mass_kg, distance_km, mode, options]);
}

/**
 * Purchased electricity emissions (Scope 2 location-based by default; market-based, T&D losses or upstream with options), in kg CO2e.
 * @customfunction ELECTRICITY_CO2
 * @helpurl https://localhost:3000/help/ELECTRICITY_CO2.html
 * @param energy_kwh Electricity consumed in kWh.
 * @param region Grid region: ISO country code (e.g. "GB", "DE"), eGRID subregion (e.g. "RFCE") or "US"; or a grid factor in kg CO2e/kWh as a number.
 * @param [options] Options as "name=value" text: basis=location|market, line=scope2|td|upstream, lossrate=…, supplier=…, residual=…, gwp=AR4|AR5|AR6, year=….
 * @returns The result in kg CO2e; spills for ranges.
 */
export function electricityCo2(energy_kwh: unknown[][], region: unknown[][], options?: unknown[]): unknown[][] {
  return excelCall("ELECTRICITY_CO2", [energy_kwh, region, options]);
}

/**
 * Fuel combustion emissions (Scope 1; the upstream WTT line with line=wtt), in kg CO2e.
 * @customfunction FUEL_CO2
 * @helpurl https://localhost:3000/help/FUEL_CO2.html
 * @param quantity Amount of fuel, in the unit given next.
 * @param unit Unit of the quantity: L, m3, US gal, UK gal, kg, t, kWh, MWh, MJ, GJ, MMBtu or therm.
 * @param fuel Fuel (carrier id or synonym, e.g. "diesel", "natural-gas", "lpg"), a combustion factor id, or a factor in kg CO2e per unit as a number.
 * @param [options] Options as "name=value" text: line=scope1|wtt, factorset=desnz|epa, gwp=AR4|AR5|AR6, year=….
 * @returns The result in kg CO2e; spills for ranges.
 */
export function fuelCo2(quantity: unknown[][], unit: unknown[][], fuel: unknown[][], options?: unknown[]): unknown[][] {
  return excelCall("FUEL_CO2", [quantity, unit, fuel, options]);
}

/**
 * Emissions of refrigerant released (leaked or vented): mass x GWP-100, in kg CO2e.
 * @customfunction REFRIGERANT_CO2
 * @helpurl https://localhost:3000/help/REFRIGERANT_CO2.html
 * @param mass_kg Mass of refrigerant released in kg.
 * @param gas Refrigerant id or name (e.g. "R-410A", "R134a", "HFC-134a"), a GWP factor id, or a GWP-100 as a number (kg CO2e per kg).
 * @param [options] Options as "name=value" text: gwp=AR4|AR5|AR6.
 * @returns The result in kg CO2e; spills for ranges.
 */
export function refrigerantCo2(mass_kg: unknown[][], gas: unknown[][], options?: unknown[]): unknown[][] {
  return excelCall("REFRIGERANT_CO2", [mass_kg, gas, options]);
}

/**
 * Inventory emissions of an end-of-life treatment of WEEE (landfill, combustion, recycling ...), in kg CO2e; not a credit.
 * @customfunction EOL_CO2
 * @helpurl https://localhost:3000/help/EOL_CO2.html
 * @param key_or_material UNU-KEY of the waste (e.g. "0303"), or a DESNZ WEEE class (fridges-and-freezers, large, small, mixed, batteries), or with factorset=epa an EPA electronics material (e.g. mixed-electronics).
 * @param mass_kg Mass treated in kg.
 * @param treatment Treatment: landfill, combustion, recycling, reuse, other-recovery, other-disposal, or a disposition id (e.g. RECYCLE, LANDFILL).
 * @param [options] Options as "name=value" text: factorset=desnz|epa, gwp=AR4|AR5|AR6, year=…, factor=….
 * @returns The result in kg CO2e; spills for ranges.
 */
export function eolCo2(key_or_material: unknown[][], mass_kg: unknown[][], treatment: unknown[][], options?: unknown[]): unknown[][] {
  return excelCall("EOL_CO2", [key_or_material, mass_kg, treatment, options]);
}

/**
 * The UNU-KEY of a free-text product description (e.g. "Dell Latitude laptop" -> 0303), or its confidence or description.
 * @customfunction CLASSIFY
 * @helpurl https://localhost:3000/help/CLASSIFY.html
 * @param description Product description as written in the sheet, e.g. "HP LaserJet printer", or a UNU-KEY.
 * @param [field] key (the UNU-KEY, default), confidence (0 to 1) or description (of the key found).
 * @returns The value; spills for ranges.
 */
export function classify(description: unknown[][], field?: unknown[][]): unknown[][] {
  return excelCall("CLASSIFY", [description, field]);
}

/**
 * A field of a UNU-KEY: its description, EU-6 or EU-10 WEEE category, default unit weight or median lifespan.
 * @customfunction CATEGORY
 * @helpurl https://localhost:3000/help/CATEGORY.html
 * @param key UNU-KEY, e.g. "0303" (a number such as 303 is read as 0303).
 * @param [field] description (default), eu6, eu6_number, eu10, eu10_number, unit_weight_kg or median_life_years.
 * @returns The value; spills for ranges.
 */
export function category(key: unknown[][], field?: unknown[][]): unknown[][] {
  return excelCall("CATEGORY", [key, field]);
}

/**
 * Splits a total in proportion to weights (e.g. mass), exactly: the parts always add up to the total. Spills the parts in the shape of the weights.
 * @customfunction ALLOCATE
 * @helpurl https://localhost:3000/help/ALLOCATE.html
 * @param total The total to allocate, e.g. kg CO2e of a vehicle run or a facility.
 * @param weights The weights of the parts (e.g. masses in kg), a row or column of numbers of zero or more.
 * @param [options] Options as "name=value" text: quantum=….
 * @returns A table that spills.
 */
export function allocate(total: unknown[][], weights: unknown[][], options?: unknown[]): unknown[][] {
  return excelCall("ALLOCATE", [total, weights, options]);
}

/**
 * The share (0 to 1) of a reuse or recycling credit a value-chain stage may claim, under the method's attribution rules.
 * @customfunction CREDIT_SHARE
 * @helpurl https://localhost:3000/help/CREDIT_SHARE.html
 * @param stage Value-chain stage: producer, user, collector, logistics, itad, refurbisher, recycler, downstream-processor, secondary-material-user.
 * @param pathway Credit pathway: reuse, refurbish, repair, extend, harvest, recycling, energy-recovery.
 * @param [options] Options as "name=value" text: A=…, preparer=producer|user|collector|logistics|itad|refurbisher|recycler|downstream-processor|secondary-material-user, custodian=producer|user|collector|logistics|itad|refurbisher|recycler|downstream-processor|secondary-material-user.
 * @returns The result; spills for ranges.
 */
export function creditShare(stage: unknown[][], pathway: unknown[][], options?: unknown[]): unknown[][] {
  return excelCall("CREDIT_SHARE", [stage, pathway, options]);
}

/**
 * Recycling credit (avoided-emissions ledger, never netted against Scope 1-3): M x (E*v x Qsout/Qp - ErecEoL), the end-of-life chain's (1 - A) share by default, in kg CO2e; needs certificate=<evidence id>.
 * @customfunction RECYCLING_CO2
 * @helpurl https://localhost:3000/help/RECYCLING_CO2.html
 * @param material Recovered material, e.g. "aluminium" (or "aluminum", "AL"), "steel" ("ferrous", "FE"), "scrap metal", "plastics", "PET", "glass", "cardboard".
 * @param mass_kg Mass of secondary material at the recycling-plant output, in kg.
 * @param [virgin_factor] E*v: virgin production substituted, a factor id or a number in kg CO2e/kg; when omitted, DESNZ primary material production of the material.
 * @param [recycling_factor] ErecEoL: collection, sorting and recycling, a factor id or a number in kg CO2e/kg; when omitted, DESNZ closed-loop source of the material (a proxy).
 * @param [options] Options as "name=value" text: certificate=… (required evidence id), allocation=cut-off|avoided-burden|50-50|cff (50-50 when neither allocation nor A is given), A=… (alone: allocation=cff), quality=… (Qsout/Qp, 1 when omitted), share=eol|gross|reserved, year=… (edition of the factor ids).
 * @returns The result in kg CO2e; spills for ranges.
 */
export function recyclingCo2(material: unknown[][], mass_kg: unknown[][], virgin_factor?: unknown[][], recycling_factor?: unknown[][], options?: unknown[]): unknown[][] {
  return excelCall("RECYCLING_CO2", [material, mass_kg, virgin_factor, recycling_factor, options]);
}

/**
 * Embodied (cradle-to-gate, manufacturing) footprint of one new unit, in kg CO2e per unit: a UNU-KEY's Boavizta category median (a proxy), a factor id, or your own number.
 * @customfunction EMBODIED_CO2
 * @helpurl https://localhost:3000/help/EMBODIED_CO2.html
 * @param key UNU-KEY as text (e.g. "0303": the median of the Boavizta category mapped to it), a factor id in kg CO2e/unit (e.g. a Boavizta "boavizta.product.....embodied" factor), or a footprint in kg CO2e/unit as a number.
 * @param [options] Options as "name=value" text: category=… (the Boavizta category when several map to the key, e.g. category=tablet).
 * @returns The result in kg CO2e per unit; spills for ranges.
 */
export function embodiedCo2(key: unknown[][], options?: unknown[]): unknown[][] {
  return excelCall("EMBODIED_CO2", [key, options]);
}

/**
 * Reuse credit (avoided-emissions ledger, never netted against Scope 1-3): units x (DR x LEF x EF_new - burdens - use-phase difference), in kg CO2e; needs a test record and, for data-bearing units, a sanitization record.
 * @customfunction REUSE_CO2
 * @helpurl https://localhost:3000/help/REUSE_CO2.html
 * @param key UNU-KEY of the units (e.g. "0303"; EF_new defaults to its embodied footprint), or a factor id of the new unit in kg CO2e/unit; any label when ef_new=… is given.
 * @param units Number of units reused (placed on the reuse market), in units.
 * @param [displacement_rate] DR: share of reused units that displace a new purchase, 0 to 1; 0.5 when omitted (flagged); 1 only with displacement=<evidence id>.
 * @param [options] Options as "name=value" text. Required: life=… (years delivered), ref_life=… (years of a new unit), refurb=…, parts=…, logistics=… (kg CO2e per unit), power_delta=… (kW), tested=… (test record id), data_bearing=TRUE|FALSE, sanitized=… (if data-bearing). Optional: hours=… and grid=… (when power_delta is not 0), ef_new=…, category=…, displacement=… (evidence id), pathway=reuse|refurbish|repair|extend|harvest, sensitivity=low|central|high, per=total|unit.
 * @returns The result in kg CO2e; spills for ranges.
 */
export function reuseCo2(key: unknown[][], units: unknown[][], displacement_rate?: unknown[][], options?: unknown[]): unknown[][] {
  return excelCall("REUSE_CO2", [key, units, displacement_rate, options]);
}

/**
 * EU PEF Circular Footprint Formula per kg of material, kg CO2e/kg: Material + Energy + Disposal terms (energy with R3=…, disposal with ED=…); term=… returns one term.
 * @customfunction CFF
 * @helpurl https://localhost:3000/help/CFF.html
 * @param Ev Ev: virgin material acquisition and pre-processing, kg CO2e/kg (a number or a factor id).
 * @param Erecycled Erecycled: recycling of the recycled input material, kg CO2e/kg (0 when R1 is 0).
 * @param ErecEoL ErecEoL: recycling at end of life incl. collection and sorting, kg CO2e/kg.
 * @param Ev_star E*v: virgin material substituted by the recycled output, kg CO2e/kg.
 * @param R1 R1: recycled content of the input, 0 to 1.
 * @param R2 R2: share recycled at end of life (at the recycling-plant output), 0 to 1.
 * @param A A: allocation factor between supplier and user of recycled material, 0 to 1 (PEF Annex C: 0.2, 0.5 or 0.8).
 * @param Qsin_Qp Qsin/Qp: quality ratio of the recycled input, as a ratio (irrelevant when R1 is 0).
 * @param Qsout_Qp Qsout/Qp: quality ratio of the recycled output, as a ratio.
 * @param [options] Options as "name=value" text: R3=… (0 when omitted), B=… (0), EER=… (kg CO2e/kg), LHV=… (MJ/kg), XER_heat=…, XER_elec=…, ESE_heat=…, ESE_elec=… (kg CO2e/MJ), ED=… (kg CO2e/kg; disposal term left out when omitted), term=total|material|energy|disposal.
 * @returns The result in kg CO2e/kg; spills for ranges.
 */
export function cff(Ev: unknown[][], Erecycled: unknown[][], ErecEoL: unknown[][], Ev_star: unknown[][], R1: unknown[][], R2: unknown[][], A: unknown[][], Qsin_Qp: unknown[][], Qsout_Qp: unknown[][], options?: unknown[]): unknown[][] {
  return excelCall("CFF", [Ev, Erecycled, ErecEoL, Ev_star, R1, R2, A, Qsin_Qp, Qsout_Qp, options]);
}

/**
 * Avoided emissions (avoided ledger, positive = avoided, never netted against Scope 1-3) of reuse, refurbish, repair, extend (quantity in units) or recycle (quantity in kg, WARM scenario difference), in kg CO2e.
 * @customfunction AVOIDED_CO2
 * @helpurl https://localhost:3000/help/AVOIDED_CO2.html
 * @param key UNU-KEY of the units or waste (e.g. "0303"); for recycle also a WARM electronics material (e.g. "mixed-electronics").
 * @param quantity Units for reuse, refurbish, repair and extend; kg for recycle (units or kg).
 * @param pathway reuse, refurbish, repair, extend or recycle.
 * @param [options] Options as "name=value" text. Reuse pathways: dr=… (0.5 when omitted), life=…, ref_life=…, refurb=…, parts=…, logistics=…, power_delta=…, hours=…, grid=…, ef_new=…, category=…, tested=…, data_bearing=TRUE|FALSE, sanitized=…, displacement=…, sensitivity=low|central|high, per=total|unit (as ESG.REUSE_CO2). Recycle: certificate=… (required), baseline=landfill|combustion, allocation=cut-off|avoided-burden|50-50|cff, A=….
 * @returns The result in kg CO2e; spills for ranges.
 */
export function avoidedCo2(key: unknown[][], quantity: unknown[][], pathway: unknown[][], options?: unknown[]): unknown[][] {
  return excelCall("AVOIDED_CO2", [key, quantity, pathway, options]);
}
