import { useCallback, useRef, useState } from "react";
import type { MappingTemplate } from "../../../engine";
import { useGateway } from "../../gateway-context";
import { errorText } from "../../services";
import type { EsgSettings } from "../settings/settings";
import { Cancelled } from "../source";
import { runCalculation, type CalcResult, type Phase } from "./run-calculation";

/** Calculate step state: mode, progress, cancel, the last result. `all`: every confirmed mapping of the workbook. */
export function useCalculate(template: MappingTemplate | null, settings: EsgSettings, all: readonly MappingTemplate[] = []) {
  const gateway = useGateway();
  const [mode, setMode] = useState<"formulas" | "values">("formulas");
  const [progress, setProgress] = useState<{ value: number; phase: Phase } | null>(null);
  const [result, setResult] = useState<CalcResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const cancel = useRef(false);

  /** Calculates the current sheet, or (`every`) all mapped sheets together. */
  const calculate = useCallback(async (every = false) => {
    const templates = every ? all : template ? [template] : [];
    if (templates.length === 0) return null;
    cancel.current = false;
    setError(null);
    setResult(null);
    setProgress({ value: 0, phase: "read" });
    try {
      const r = await runCalculation(gateway, templates, settings, { mode, onProgress: (value, phase) => setProgress({ value, phase }), cancelled: () => cancel.current });
      setResult(r);
      return r;
    } catch (e) {
      setError(e instanceof Cancelled ? "Calculation cancelled; nothing was written." : errorText(e));
      return null;
    } finally {
      setProgress(null);
    }
  }, [gateway, template, all, settings, mode]);

  return { mode, setMode, progress, result, error, calculate, cancel: () => (cancel.current = true) };
}
