import { useCallback, useEffect, useState } from "react";
import { useGateway } from "../../gateway-context";
import { errorText } from "../../services";
import { DEFAULT_SETTINGS, SETTINGS_KEY, readSettings, settingsProblems, type EsgSettings } from "./settings";

/** Loads the workbook's settings, edits a draft, saves it back. */
export function useSettings() {
  const gateway = useGateway();
  const [saved, setSaved] = useState<EsgSettings>(DEFAULT_SETTINGS);
  const [draft, setDraft] = useState<EsgSettings>(DEFAULT_SETTINGS);
  const [status, setStatus] = useState<"loading" | "ready" | "saving" | "saved" | "error">("loading");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    gateway
      .readSetting(SETTINGS_KEY)
      .then((raw) => {
        if (!live) return;
        const s = readSettings(raw);
        setSaved(s);
        setDraft(s);
        setStatus("ready");
      })
      .catch((e: unknown) => {
        if (!live) return;
        setError(errorText(e));
        setStatus("error");
      });
    return () => {
      live = false;
    };
  }, [gateway]);

  const problems = settingsProblems(draft);
  const update = useCallback(<K extends keyof EsgSettings>(key: K, value: EsgSettings[K]) => setDraft((d) => ({ ...d, [key]: value })), []);
  const save = useCallback(async () => {
    if (Object.keys(settingsProblems(draft)).length > 0) return false;
    setStatus("saving");
    try {
      await gateway.writeSetting(SETTINGS_KEY, draft);
      setSaved(draft);
      setStatus("saved");
      return true;
    } catch (e) {
      setError(errorText(e));
      setStatus("error");
      return false;
    }
  }, [gateway, draft]);

  return { saved, draft, update, save, problems, status, error, dirty: JSON.stringify(saved) !== JSON.stringify(draft) };
}
