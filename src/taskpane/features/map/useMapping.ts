import { useCallback, useEffect, useState } from "react";
import {
  exportTemplate,
  importTemplate,
  suggestMapping,
  type ColumnSuggestion,
  type FieldId,
  type MappingSuggestion,
  type MappingTemplate,
  type SheetCell,
} from "../../../engine";
import type { SheetInfo, TableInfo } from "../../../office/gateway";
import { useGateway } from "../../gateway-context";
import { errorText, services } from "../../services";
import { readSource, sourceOfTemplate, type Source } from "../source";
import { lineOf } from "../../messages";

export const MAPPING_KEY = "esg.mapping";
/** Rows read to suggest a mapping (header search and value profiles). */
export const SAMPLE_ROWS = 600;

export interface MappingState {
  source: Source | null;
  template: MappingTemplate;
  /** Suggestion details per column (alternatives, classified values); absent after an import. */
  columns: ColumnSuggestion[];
  headerConfidence: number;
}

function withSource(t: MappingTemplate, s: Source): MappingTemplate {
  return { ...t, source: "table" in s ? { table: s.table } : { sheet: s.sheet } };
}

/** Map step state: sources, the suggestion, the user's changes, save/confirm, export/import. */
export function useMapping(onConfirmed?: (t: MappingTemplate) => void) {
  const gateway = useGateway();
  const [sheets, setSheets] = useState<SheetInfo[]>([]);
  const [tables, setTables] = useState<TableInfo[]>([]);
  const [source, setSource] = useState<Source | null>(null);
  const [state, setState] = useState<MappingState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const refreshSources = useCallback(async () => {
    const [s, t] = await Promise.all([gateway.listSheets(), gateway.listTables()]);
    setSheets(s);
    setTables(t);
    return { s, t };
  }, [gateway]);

  // On open: list sheets and tables; restore a saved mapping.
  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const { s } = await refreshSources();
        const saved = await gateway.readSetting(MAPPING_KEY);
        if (!live) return;
        if (saved !== undefined) {
          const got = importTemplate(saved);
          const src = got.ok ? sourceOfTemplate(got.value) : null;
          if (got.ok && src) {
            setSource(src);
            setState({ source: src, template: got.value, columns: [], headerConfidence: 1 });
            if (got.value.confirmed) onConfirmed?.(got.value);
            return;
          }
        }
        if (s.length > 0) setSource((cur) => cur ?? { sheet: s[0]!.name });
      } catch (e) {
        if (live) setError(errorText(e));
      }
    })();
    return () => {
      live = false;
    };
  }, [gateway]);

  const suggest = useCallback(async () => {
    if (!source) return;
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const rows: SheetCell[][] = [];
      await readSource(gateway, source, (block) => rows.push(...block), { maxRows: SAMPLE_ROWS, maxRowsPerChunk: SAMPLE_ROWS });
      if (rows.length === 0 || rows.every((r) => r.every((c) => c === "" || c === null))) {
        setState(null);
        setError(`The ${"table" in source ? "table" : "sheet"} is empty.`);
        return;
      }
      const s: MappingSuggestion = suggestMapping(rows, { taxonomy: services().mappingTaxonomy, source: "table" in source ? { table: source.table } : { sheet: source.sheet } });
      setState({ source, template: s.template, columns: s.columns, headerConfidence: s.headerConfidence });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }, [gateway, source]);

  const setField = useCallback((index: number, field: FieldId | null) => {
    setState((st) => {
      if (!st) return st;
      const columns = st.template.columns.map((c) => {
        if (c.index === index) return { ...c, field, confirmed: true, confidence: 1 };
        // A field maps to one column: taking it frees the other column.
        if (field !== null && c.field === field) return { ...c, field: null, confirmed: true };
        return c;
      });
      return { ...st, template: { ...st.template, columns, confirmed: false } };
    });
  }, []);

  const setUnit = useCallback((index: number, unit: string | null) => {
    setState((st) => {
      if (!st) return st;
      const columns = st.template.columns.map((c) => {
        if (c.index !== index) return c;
        const { unit: _old, ...rest } = c;
        return unit ? { ...rest, unit, confirmed: true } : { ...rest, confirmed: true };
      });
      return { ...st, template: { ...st.template, columns, confirmed: false } };
    });
  }, []);

  /** Classifies a reviewed value as the given taxonomy id (a value override in the template). */
  const setOverride = useCallback((field: FieldId, from: string, to: string) => {
    setState((st) => {
      if (!st) return st;
      const rest = st.template.valueOverrides.filter((o) => !(o.field === field && o.from === from));
      return { ...st, template: { ...st.template, valueOverrides: [...rest, { field, from, to }], confirmed: false } };
    });
  }, []);

  const confirm = useCallback(async () => {
    if (!state || !state.source) return;
    setBusy(true);
    setError(null);
    try {
      const template: MappingTemplate = {
        ...withSource(state.template, state.source),
        columns: state.template.columns.map((c) => ({ ...c, confirmed: true })),
        confirmed: true,
      };
      await gateway.writeSetting(MAPPING_KEY, JSON.parse(exportTemplate(template)));
      setState({ ...state, template });
      setMessage("Mapping confirmed and saved in the workbook.");
      onConfirmed?.(template);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }, [gateway, state, onConfirmed]);

  const exportJson = useCallback((): string | null => (state ? exportTemplate(state.source ? withSource(state.template, state.source) : state.template) : null), [state]);

  const importJson = useCallback(
    (text: string): boolean => {
      const got = importTemplate(text);
      if (!got.ok) {
        setError(`Template not imported: ${lineOf(got.issue)}`);
        return false;
      }
      // A template from another workbook applies to the sheet chosen here.
      const src = source ?? sourceOfTemplate(got.value);
      const template = src ? withSource({ ...got.value, confirmed: false }, src) : { ...got.value, confirmed: false };
      setState({ source: src, template, columns: [], headerConfidence: 1 });
      setError(null);
      setMessage("Template imported: review and confirm it.");
      return true;
    },
    [source],
  );

  return { sheets, tables, source, setSource, refreshSources, state, suggest, setField, setUnit, setOverride, confirm, exportJson, importJson, busy, error, message };
}
