import { useCallback, useRef, useState } from "react";
import type { MappingTemplate } from "../../../engine";
import { useGateway } from "../../gateway-context";
import { errorText } from "../../services";
import { Cancelled, sourceOfTemplate } from "../source";
import { runCheck, writeIssuesSheet, type CheckRun } from "./run-check";

/** Check step state: run the checks over every row, list problems, write the "ESG Issues" sheet. */
export function useCheck(template: MappingTemplate | null) {
  const gateway = useGateway();
  const [run, setRun] = useState<CheckRun | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [written, setWritten] = useState<number | null>(null);
  const cancel = useRef(false);

  const check = useCallback(async () => {
    const source = template ? sourceOfTemplate(template) : null;
    if (!template || !source) return null;
    cancel.current = false;
    setError(null);
    setWritten(null);
    setProgress(0);
    try {
      const r = await runCheck(gateway, source, template, { onProgress: (d, t) => setProgress(t === 0 ? 1 : d / t), cancelled: () => cancel.current });
      setRun(r);
      const n = await writeIssuesSheet(gateway, r);
      setWritten(n);
      return r;
    } catch (e) {
      setError(e instanceof Cancelled ? "Check cancelled." : errorText(e));
      return null;
    } finally {
      setProgress(null);
    }
  }, [gateway, template]);

  return { run, check, progress, cancel: () => (cancel.current = true), error, written };
}
