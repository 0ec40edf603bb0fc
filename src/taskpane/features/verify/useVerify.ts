import { useCallback, useMemo, useState } from "react";
import { useGateway } from "../../gateway-context";
import { errorText } from "../../services";
import { fileBytes, fileText } from "../../download";
import { findingsFileOf, parseTrusted, verifyBundle, type VerifyOutcome } from "./run-verify";

/** Largest bundle read in the taskpane (the zip reader's limits apply as well). */
export const MAX_BUNDLE_BYTES = 512 * 1024 * 1024;

/** Verify step state: the bundle file, the trusted keys, the outcome, the findings export. */
export function useVerify() {
  const gateway = useGateway();
  const [file, setFile] = useState<File | null>(null);
  const [trustText, setTrustText] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<VerifyOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [verifier, setVerifier] = useState("");
  const trust = useMemo(() => parseTrusted(trustText), [trustText]);

  const addTrustFiles = useCallback(async (files: readonly File[]) => {
    const texts = await Promise.all(files.map((f) => fileText(f)));
    setTrustText((t) => [t.trim(), ...texts.map((x) => x.trim())].filter(Boolean).join("\n"));
  }, []);

  const verify = useCallback(async () => {
    if (!file) return null;
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      if (file.size > MAX_BUNDLE_BYTES) throw new Error(`${file.name} is ${file.size} bytes, above the ${MAX_BUNDLE_BYTES}-byte limit for a bundle in the taskpane (use esg verify)`);
      const o = await verifyBundle(gateway, await fileBytes(file), file.name, trust.keys);
      setOutcome(o);
      return o;
    } catch (e) {
      setError(errorText(e));
      return null;
    } finally {
      setBusy(false);
    }
  }, [gateway, file, trust.keys]);

  const findingsJson = useMemo(() => (outcome ? JSON.stringify(findingsFileOf(outcome, { verifier }), null, 2) + "\n" : null), [outcome, verifier]);

  return { file, setFile, trustText, setTrustText, addTrustFiles, trust, busy, outcome, error, verify, verifier, setVerifier, findingsJson };
}
