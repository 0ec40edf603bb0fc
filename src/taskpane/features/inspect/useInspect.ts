import { useCallback, useState } from "react";
import { useGateway } from "../../gateway-context";
import { errorText } from "../../services";
import { inspectCell, type InspectOutcome } from "./explain";

/** Inspect step state: explain the selected cell; the full trace on demand. */
export function useInspect() {
  const gateway = useGateway();
  const [outcome, setOutcome] = useState<InspectOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [showTrace, setShowTrace] = useState(false);

  const inspect = useCallback(
    async (address?: string) => {
      setBusy(true);
      setError(null);
      setShowTrace(false);
      try {
        setOutcome(await inspectCell(gateway, address));
      } catch (e) {
        setError(errorText(e));
      } finally {
        setBusy(false);
      }
    },
    [gateway],
  );

  return { outcome, inspect, busy, error, showTrace, setShowTrace };
}
