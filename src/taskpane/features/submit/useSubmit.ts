import { useCallback, useRef, useState } from "react";
import { publicKeyFingerprint, type Ledgers, type MappingTemplate } from "../../../engine";
import { useGateway } from "../../gateway-context";
import { errorText } from "../../services";
import { browserCrypto, browserSha256, publicKeyPemOf } from "../../crypto-browser";
import { fileBytes, fileText } from "../../download";
import type { EsgSettings } from "../settings/settings";
import { buildSubmission, submitProblems, type EvidenceFile, type SubmitResult } from "./build-submission";

/** Submit step state. The private key lives in a ref (memory) only while the step is open; it is never stored. */
export function useSubmit(templates: readonly MappingTemplate[], settings: EsgSettings, lastLedgers: Ledgers | null) {
  const gateway = useGateway();
  const key = useRef<string | null>(null);
  const [keyInfo, setKeyInfo] = useState<{ fileName: string; fingerprint: string } | null>(null);
  const [keyError, setKeyError] = useState<string | null>(null);
  const [ephemeral, setEphemeral] = useState(false);
  const [evidence, setEvidence] = useState<EvidenceFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SubmitResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const pickKey = useCallback(async (file: File | null) => {
    key.current = null;
    setKeyInfo(null);
    setKeyError(null);
    if (!file) return;
    try {
      const pem = await fileText(file);
      const pub = publicKeyPemOf(pem);
      key.current = pem;
      setKeyInfo({ fileName: file.name, fingerprint: publicKeyFingerprint(pub, browserCrypto) ?? "?" });
      setEphemeral(false);
    } catch (e) {
      setKeyError(`${file.name}: ${errorText(e)}`);
    }
  }, []);

  const forgetKey = useCallback(() => {
    key.current = null;
    setKeyInfo(null);
  }, []);

  const pickEvidence = useCallback(async (files: readonly File[]) => {
    const hashed: EvidenceFile[] = [];
    for (const f of files) {
      const h = browserSha256();
      h.update(await fileBytes(f));
      hashed.push({ name: f.name, sha256: h.digest() });
    }
    setEvidence(hashed);
  }, []);

  const problems = [...(templates.length > 0 ? [] : ["Confirm a mapping in the Map step first."]), ...submitProblems(settings)];
  const canSubmit = problems.length === 0 && !busy && (key.current !== null || ephemeral);

  const submit = useCallback(async () => {
    if (templates.length === 0) return null;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      // The user's clock, read here at the UI edge and passed in.
      const when = new Date().toISOString();
      const r = await buildSubmission(gateway, templates, settings, { when, privateKeyPem: ephemeral ? null : key.current, evidenceFiles: evidence, lastLedgers });
      setResult(r);
      return r;
    } catch (e) {
      setError(errorText(e));
      return null;
    } finally {
      setBusy(false);
    }
  }, [gateway, templates, settings, ephemeral, evidence, lastLedgers]);

  const sheets = templates.map((t) => t.source.sheet ?? `table ${t.source.table ?? ""}`);
  return { sheets, keyInfo, keyError, pickKey, forgetKey, ephemeral, setEphemeral, evidence, pickEvidence, problems, canSubmit, busy, result, error, submit };
}
