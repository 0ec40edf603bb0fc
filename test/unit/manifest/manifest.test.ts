/**
 * Structural checks of manifest.xml (the online validator is unreachable offline):
 * element order under Host, resids resolve, namespace ESG, shared runtime, https URLs,
 * and, for a production build in dist/, no localhost left.
 */
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";

const ROOT = join(__dirname, "..", "..", "..");
type Node = Record<string, unknown>;

function parse(xml: string): Node[] {
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", preserveOrder: true }).parse(xml) as Node[];
}
function tagOf(n: Node): string {
  return Object.keys(n).find((k) => k !== ":@")!;
}
function children(n: Node): Node[] {
  return (n[tagOf(n)] as Node[]) ?? [];
}
function attrs(n: Node): Record<string, string> {
  return (n[":@"] as Record<string, string>) ?? {};
}
function walk(nodes: Node[], visit: (n: Node, path: string[]) => void, path: string[] = []): void {
  for (const n of nodes) {
    const t = tagOf(n);
    if (t === "#text" || t === "?xml") continue;
    visit(n, [...path, t]);
    walk(children(n), visit, [...path, t]);
  }
}
function find(nodes: Node[], pathSuffix: string[]): Node[] {
  const out: Node[] = [];
  walk(nodes, (n, p) => {
    if (p.slice(-pathSuffix.length).join("/") === pathSuffix.join("/")) out.push(n);
  });
  return out;
}

function checkManifest(xml: string, { production }: { production: boolean }) {
  const doc = parse(xml);
  const root = doc.find((n) => tagOf(n) === "OfficeApp")!;
  expect(root).toBeDefined();
  expect(attrs(root)["@_xsi:type"]).toBe("TaskPaneApp");
  const topOrder = children(root).map(tagOf).filter((t) => t !== "#text");
  const expectedTop = ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl", "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "DefaultSettings", "Permissions", "VersionOverrides"];
  expect(topOrder).toEqual(expectedTop);
  const id = (children(children(root).find((n) => tagOf(n) === "Id")!)[0] as Node)["#text"];
  expect(String(id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

  const sets = find([root], ["Requirements", "Sets", "Set"]).map((n) => attrs(n)["@_Name"]);
  expect(sets).toContain("SharedRuntime");

  const host = find([root], ["VersionOverrides", "Hosts", "Host"])[0]!;
  expect(attrs(host)["@_xsi:type"]).toBe("Workbook");
  expect(children(host).map(tagOf).filter((t) => t !== "#text")).toEqual(["Runtimes", "AllFormFactors", "DesktopFormFactor"]);
  const runtimes = find([host], ["Runtimes", "Runtime"]);
  expect(runtimes).toHaveLength(1);
  expect(attrs(runtimes[0]!)["@_lifetime"]).toBe("long");
  const runtimeResid = attrs(runtimes[0]!)["@_resid"];
  // The same resid everywhere, or the shared runtime does not load.
  expect(attrs(find([host], ["ExtensionPoint", "Page", "SourceLocation"])[0]!)["@_resid"]).toBe(runtimeResid);
  expect(attrs(find([host], ["DesktopFormFactor", "FunctionFile"])[0]!)["@_resid"]).toBe(runtimeResid);
  expect(attrs(find([host], ["Action", "SourceLocation"])[0]!)["@_resid"]).toBe(runtimeResid);
  // One task pane in a shared runtime: no TaskpaneId.
  expect(find([host], ["TaskpaneId"])).toHaveLength(0);

  // Every resid resolves to exactly one resource.
  const resources = new Map<string, string>();
  walk([root], (n, p) => {
    if (p.includes("Resources") && attrs(n)["@_id"]) {
      const rid = attrs(n)["@_id"]!;
      expect(resources.has(rid)).toBe(false);
      resources.set(rid, attrs(n)["@_DefaultValue"] ?? "");
    }
  });
  const used: string[] = [];
  walk([root], (n) => {
    const r = attrs(n)["@_resid"];
    if (r) used.push(r);
  });
  expect(used.length).toBeGreaterThan(10);
  for (const r of used) expect(resources.has(r)).toBe(true);

  expect(resources.get(attrs(find([host], ["Namespace"])[0]!)["@_resid"]!)).toBe("ESG");

  // All URLs are https; in production none points at localhost.
  const urls: string[] = [];
  walk([root], (n) => {
    const v = attrs(n)["@_DefaultValue"];
    if (v && /^[a-z]+:\/\//i.test(v)) urls.push(v);
    const t = tagOf(n);
    if (t === "AppDomain") urls.push(String((children(n)[0] as Node)["#text"]));
  });
  expect(urls.length).toBeGreaterThan(5);
  for (const u of urls) expect(u).toMatch(/^https:\/\//);
  if (production) {
    expect(xml).not.toMatch(/localhost/);
  }
}

describe("manifest.xml", () => {
  it("is structurally valid for a shared-runtime custom-functions add-in", () => {
    checkManifest(readFileSync(join(ROOT, "manifest.xml"), "utf8"), { production: false });
  });
  it("catches a broken resid (the check is not hollow)", () => {
    const broken = readFileSync(join(ROOT, "manifest.xml"), "utf8").replace('resid="Functions.Metadata.Url"', 'resid="Functions.Metadata.Missing"');
    expect(() => checkManifest(broken, { production: false })).toThrow();
  });
  const dist = join(ROOT, "dist", "manifest.xml");
  it("the production build's manifest has no localhost (npm test builds dist/ first)", () => {
    if (!existsSync(dist)) throw new Error("dist/manifest.xml is missing: run `npm run build` (npm test does) before jest");
    checkManifest(readFileSync(dist, "utf8"), { production: true });
  });
});
