import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { METHOD, ENGINE_VERSION } from "../../../src/engine";

const ROOT = join(__dirname, "..", "..", "..");

describe("method versioning", () => {
  it("exposes one method id and version and the engine version", () => {
    expect(METHOD.id).toBe("SERI-EVC-METHOD");
    expect(METHOD.version).toMatch(/^\d+\.\d+\.\d+(-[a-z0-9.]+)?$/);
    expect(ENGINE_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });
  it("pins every shipped library by the SHA-256 of its factors.json bytes", () => {
    expect(METHOD.libraries.length).toBeGreaterThanOrEqual(5);
    for (const pin of METHOD.libraries) {
      const dir = join(ROOT, "data", "factors", pin.id, pin.version);
      const bytes = readFileSync(join(dir, "factors.json"));
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(pin.dataSha256);
      const meta = JSON.parse(readFileSync(join(dir, "library.json"), "utf8")) as { dataSha256: string; version: string };
      expect(meta.dataSha256).toBe(pin.dataSha256);
      expect(meta.version).toBe(pin.version);
    }
  });
});
