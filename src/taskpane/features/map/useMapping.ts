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
/** Every confirmed mapping of the workbook, by sheet (or table): `{ "sheets": { "<sheet>": <template> } }`, the shape of a bundle's mapping.json. */
export const MAPPINGS_KEY = "esg.mappings";

/** The key of a template's source in MAPPINGS_KEY: the sheet name, or "table:<name>". */
export function mappingKey(s: Source): string {
  return "table" in s ? `table:${s.table}` : s.sheet;
}

/** The confirmed templates stored in the workbook (lenient: templates that do not import are skipped). */
export function readMappings(raw: unknown): Map<string, MappingTemplate> {
  const out = new Map<string, MappingTemplate>();
  const sheets = (raw as { sheets?: unknown } | null | undefined)?.sheets;
  if (!sheets || typeof sheets !== "object") return out;
  for (const [k, v] of Object.entries(sheets as Record<string, unknown>)) {
    const got = importTemplate(v);
    if (got.ok && got.value.confirmed && sourceOfTemplate(got.value)) out.set(k, got.value);
  }
  return out;
}
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
  const [confirmedBy, setConfirmedBy] = useState<Map<string, MappingTemplate>>(new Map());

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
        const all = readMappings(await gateway.readSetting(MAPPINGS_KEY));
        if (!live) return;
        // Only mappings of sheets (or tables) the workbook still has.
        const names = new Set(s.map((x) => x.name));
        for (const [k, t] of all) if (t.source.sheet && !names.has(t.source.sheet)) all.delete(k);
        const got = saved !== undefined ? importTemplate(saved) : null;
        const src = got?.ok ? sourceOfTemplate(got.value) : null;
        // A workbook from before MAPPINGS_KEY: its one confirmed mapping.
        if (got?.ok && src && got.value.confirmed && !all.has(mappingKey(src))) all.set(mappingKey(src), got.value);
        setConfirmedBy(all);
        if (got) {
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
      const exported = JSON.parse(exportTemplate(template)) as unknown;
      await gateway.writeSetting(MAPPING_KEY, exported);
      const all = new Map(confirmedBy);
      all.set(mappingKey(state.source), template);
      await gateway.writeSetting(MAPPINGS_KEY, { sheets: Object.fromEntries([...all].map(([k, t]) => [k, JSON.parse(exportTemplate(t)) as unknown])) });
      setConfirmedBy(all);
      setState({ ...state, template });
      setMessage("Mapping confirmed and saved in the workbook.");
      onConfirmed?.(template);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }, [gateway, state, onConfirmed, confirmedBy]);

  /** Picks a source; a sheet with a confirmed mapping shows it again. */
  const selectSource = useCallback(
    (s: Source | null) => {
      setSource(s);
      setMessage(null);
      setError(null);
      const known = s ? confirmedBy.get(mappingKey(s)) : undefined;
      if (known) {
        setState({ source: s, template: known, columns: [], headerConfidence: 1 });
        onConfirmed?.(known);
      } else setState(null);
    },
    [confirmedBy, onConfirmed],
  );

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

  return { sheets, tables, source, setSource: selectSource, confirmed: [...confirmedBy.values()], refreshSources, state, suggest, setField, setUnit, setOverride, confirm, exportJson, importJson, busy, error, message };
}
