/** Embodied footprint of a new unit: UNU-KEY -> Boavizta category median, factor ids, numbers. */
import { attempt, plain } from "../../../../src/engine";
import { embodiedCategories, embodiedFootprint, boaviztaSlug } from "../../../../src/engine/methods";
import { bundledRegistry } from "../../../../src/bundled/libraries";
import { bundledTaxonomy } from "../../../../src/bundled/taxonomy";
import categoryMap from "../../../../data/factors/boavizta-2025/1.0.0/unu-key-map.json";

const registry = bundledRegistry();
const taxonomy = bundledTaxonomy();
const base = { registry, taxonomy, categoryMap };

describe("embodiedCategories", () => {
  it("maps UNU-KEYs to the Boavizta categories that have a median, largest sample first", () => {
    const m = embodiedCategories(categoryMap, registry);
    expect([...m.keys()]).toEqual(["0302", "0303", "0306", "0307", "0309", "0401", "0702"]);
    expect(m.get("0303")!.map((c) => [c.slug, c.sampleSize])).toEqual([
      ["laptop", 226],
      ["tablet", 21],
    ]);
    expect(m.get("0302")!.map((c) => c.slug)).toEqual(["desktop", "thin-client"]);
    expect(m.get("0302")![1]!.subcategories).toEqual(["Thin Client", "Thin client"]);
    expect(boaviztaSlug("Thin Client")).toBe("thin-client");
  });
});

describe("embodiedFootprint", () => {
  it("a UNU-KEY gives the category median, flagged as a proxy, and says which category and why", () => {
    const r = embodiedFootprint({ ...base, key: "0303" });
    expect(plain(r.value)).toBe("235.873");
    expect(r.unit).toBe("kg CO2e/unit");
    expect(r.source).toBe("category-median");
    expect(r.factorId).toBe("boavizta.category.laptop.embodied.median");
    expect(r.trace.factors[0]!.id).toBe("boavizta.category.laptop.embodied.median");
    expect(r.trace.notes.join(" ")).toContain("laptop (n = 226), tablet (n = 21); 'laptop' is used because its median rests on the most manufacturer PCFs");
    expect(r.trace.flags.join(" ")).toContain("Category median used as a proxy");
    expect(plain(embodiedFootprint({ ...base, key: "303" }).value)).toBe("235.873");
    expect(plain(embodiedFootprint({ ...base, key: "0303", category: "Tablet" }).value)).toBe("77.04");
    expect(plain(embodiedFootprint({ ...base, key: "0307" }).value)).toBe("1215.355");
    expect(embodiedFootprint({ ...base, key: "0307" }).trace.notes[0]).toBe("the only Boavizta category with an embodied median mapped to UNU-KEY 0307");
  });
  it("a key without a Boavizta median is FACTOR_NOT_PUBLISHED naming the keys that have data", () => {
    const o = attempt(() => embodiedFootprint({ ...base, key: "0001" }));
    expect(o.ok).toBe(false);
    if (o.ok) return;
    expect(o.issue.code).toBe("FACTOR_NOT_PUBLISHED");
    expect(o.issue.kind).toBe("missing");
    expect(o.issue.message).toContain("Keys with data: 0302 (desktop, thin-client), 0303 (laptop, tablet), 0306 (smartphone), 0307 (server), 0309 (monitor), 0401 (iot), 0702 (gaming)");
  });
  it("rejects an unknown UNU-KEY, a category not mapped to the key, and a negative number", () => {
    const codes = (k: string | number, category?: string) => {
      const o = attempt(() => embodiedFootprint({ ...base, key: k, ...(category ? { category } : {}) }));
      return o.ok ? "ok" : o.issue.code;
    };
    expect(codes("9999")).toBe("UNKNOWN_ID");
    expect(codes("0303", "monitor")).toBe("INVALID_OPTION");
    expect(codes(-1)).toBe("NEGATIVE_NOT_ALLOWED");
    expect(codes("no.such.factor")).toBe("UNKNOWN_ID");
    expect(codes("")).toBe("MISSING_INPUT");
    expect(codes("desnz.electricity.uk.kwh.generation")).toBe("INCOMPATIBLE_UNITS");
  });
  it("a factor id is used as is; a cradle-to-grave PCF is flagged with its embodied sibling", () => {
    const id = "boavizta.product.apple.13-inch-macbook-air-m1-cpu-256gb-2020";
    const e = embodiedFootprint({ ...base, key: `${id}.embodied` });
    expect(plain(e.value)).toBe("122.36");
    expect(e.source).toBe("factor");
    expect(e.trace.flags).toEqual([]);
    const g = embodiedFootprint({ ...base, key: id });
    expect(plain(g.value)).toBe("161");
    expect(g.trace.flags[0]).toBe(`Factor boundary is cradle-to-grave, not cradle-to-gate: it is not an embodied footprint. The manufacturing share is ${id}.embodied.`);
  });
  it("a number is a user-supplied footprint; a whole number that is also a UNU-KEY is flagged", () => {
    const r = embodiedFootprint({ ...base, key: 250.5 });
    expect(plain(r.value)).toBe("250.5");
    expect(r.trace.factors[0]!.userSupplied).toBe(true);
    expect(r.trace.flags).toEqual([]);
    expect(embodiedFootprint({ ...base, key: 303 }).trace.flags[0]).toContain('enter the key as text ("0303")');
    expect(plain(embodiedFootprint({ ...base, key: "12.5" }).value)).toBe("12.5");
  });
});
