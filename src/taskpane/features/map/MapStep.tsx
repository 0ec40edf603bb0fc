import { useMemo, useState } from "react";
import {
  Badge,
  Button,
  Caption1,
  Dropdown,
  Field,
  MessageBar,
  MessageBarBody,
  Option,
  OptionGroup,
  Spinner,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { FIELDS, fieldDef, type ColumnMapping, type ColumnSuggestion, type FieldId } from "../../../engine";
import { DISPOSITION_CODES } from "../../../engine";
import type { useMapping } from "./useMapping";
import type { Source } from "../source";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "flex-end", flexWrap: "wrap" },
  grow: { flexGrow: 1, minWidth: "140px" },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  card: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalS,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    overflowWrap: "anywhere",
  },
  head: { display: "flex", justifyContent: "space-between", gap: tokens.spacingHorizontalS, alignItems: "center" },
  dropdown: { minWidth: "0", width: "100%" },
  textarea: { width: "100%" },
});

const UNITS_BY_DIMENSION: Record<string, string[]> = { mass: ["kg", "lb", "t"], distance: ["km", "mi"], energy: ["kWh", "MWh", "GJ", "therm"] };
const NOT_MAPPED = "__none__";

function sourceKey(s: Source | null): string {
  return s === null ? "" : "table" in s ? `table:${s.table}` : `sheet:${s.sheet}`;
}

function confidenceBadge(c: number, confirmed: boolean) {
  if (confirmed) return <Badge appearance="tint" color="brand">set by you</Badge>;
  const pct = `${Math.round(c * 100)} %`;
  return c >= 0.75 ? (
    <Badge appearance="tint" color="success">{pct}</Badge>
  ) : c >= 0.5 ? (
    <Badge appearance="tint" color="warning">{pct}</Badge>
  ) : (
    <Badge appearance="tint" color="danger">{pct}</Badge>
  );
}

/** Map: pick a source, review the suggested field of every column, confirm; export/import templates. */
export function MapStep({ mapping }: { mapping: ReturnType<typeof useMapping> }) {
  const styles = useStyles();
  const { sheets, tables, source, setSource, state, suggest, setField, setUnit, setOverride, confirm, exportJson, importJson, busy, error, message } = mapping;
  const [exported, setExported] = useState<string | null>(null);
  const [importText, setImportText] = useState("");
  const [showImport, setShowImport] = useState(false);
  const details = useMemo(() => new Map((state?.columns ?? []).map((c) => [c.index, c])), [state]);
  const reviews = (state?.columns ?? []).flatMap((c) =>
    (c.values ?? []).filter((v) => v.review).map((v) => ({ column: c, value: v })),
  );
  const overridden = new Set((state?.template.valueOverrides ?? []).map((o) => `${o.field}\u0000${o.from}`));

  return (
    <section aria-label="Map columns" className={styles.root}>
      <div className={styles.row}>
        <Field label="Sheet or table" className={styles.grow}>
          <Dropdown
            className={styles.dropdown}
            placeholder="Choose the data to map"
            value={source ? ("table" in source ? `Table ${source.table}` : source.sheet) : ""}
            selectedOptions={[sourceKey(source)]}
            onOptionSelect={(_, d) => {
              const v = d.optionValue ?? "";
              if (v.startsWith("table:")) setSource({ table: v.slice(6) });
              else if (v.startsWith("sheet:")) setSource({ sheet: v.slice(6) });
            }}
          >
            <OptionGroup label="Sheets">
              {sheets.map((s) => (
                <Option key={s.name} value={`sheet:${s.name}`} text={s.name}>
                  {s.name}
                </Option>
              ))}
            </OptionGroup>
            {tables.length > 0 && (
              <OptionGroup label="Tables">
                {tables.map((t) => (
                  <Option key={t.name} value={`table:${t.name}`} text={`Table ${t.name}`}>
                    {`Table ${t.name} (${t.sheet})`}
                  </Option>
                ))}
              </OptionGroup>
            )}
          </Dropdown>
        </Field>
        <Button appearance="primary" disabled={!source || busy} onClick={() => void suggest()}>
          Suggest mapping
        </Button>
      </div>
      {busy && <Spinner size="tiny" label="Reading the sheet…" />}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {message && (
        <MessageBar intent="success">
          <MessageBarBody>{message}</MessageBarBody>
        </MessageBar>
      )}
      {!state && !busy && !error && <Text>Choose a sheet and select “Suggest mapping”: each column gets a suggested field you can change.</Text>}
      {state && (
        <>
          <Text role="status">
            Header row {state.template.headerRow} ({Math.round(state.headerConfidence * 100)} % sure) · {state.template.columns.filter((c) => c.field).length} of{" "}
            {state.template.columns.length} columns mapped{state.template.confirmed ? " · confirmed" : ""}
          </Text>
          <ul className={styles.list} aria-label="Columns">
            {state.template.columns.map((c) => (
              <ColumnCard key={c.index} column={c} detail={details.get(c.index)} onField={setField} onUnit={setUnit} />
            ))}
          </ul>
          {reviews.length > 0 && (
            <section aria-label="Values to review">
              <Text weight="semibold">Values to review ({reviews.length})</Text>
              <ul className={styles.list}>
                {reviews.map(({ column, value }) => {
                  const field = column.field as FieldId;
                  const done = overridden.has(`${field}\u0000${value.raw}`);
                  const current = state.template.valueOverrides.find((o) => o.field === field && o.from === value.raw)?.to ?? value.id;
                  return (
                    <li key={`${column.index}|${value.raw}`} className={styles.card}>
                      <Text>
                        “{value.raw}” in {column.header || `column ${column.index + 1}`} ({value.rows} rows)
                      </Text>
                      <Caption1>
                        {value.id ? `Looks like ${value.id} (${Math.round(value.confidence * 100)} % sure)` : "Not recognised"}
                        {done ? ` · set to ${current}` : ""}
                      </Caption1>
                      {field === "disposition" ? (
                        <Dropdown
                          aria-label={`Disposition for ${value.raw}`}
                          className={styles.dropdown}
                          placeholder="Choose a disposition"
                          value={current ?? ""}
                          selectedOptions={current ? [current] : []}
                          onOptionSelect={(_, d) => d.optionValue && setOverride(field, value.raw, d.optionValue)}
                        >
                          {DISPOSITION_CODES.map((code) => (
                            <Option key={code} value={code}>
                              {code}
                            </Option>
                          ))}
                        </Dropdown>
                      ) : (
                        value.id && (
                          <Button size="small" disabled={done} onClick={() => setOverride(field, value.raw, value.id!)}>
                            Accept {value.id}
                          </Button>
                        )
                      )}
                    </li>
                  );
                })}
              </ul>
            </section>
          )}
          <div className={styles.row}>
            <Button appearance="primary" disabled={busy} onClick={() => void confirm()}>
              Confirm mapping
            </Button>
            <Button onClick={() => setExported(exportJson())}>Export template</Button>
            <Button onClick={() => setShowImport((v) => !v)} aria-expanded={showImport}>
              Import template
            </Button>
          </div>
        </>
      )}
      {!state && (
        <div className={styles.row}>
          <Button onClick={() => setShowImport((v) => !v)} aria-expanded={showImport}>
            Import template
          </Button>
        </div>
      )}
      {exported && (
        <Field label="Mapping template (JSON)" hint="Copy it, or download it to reuse with another workbook.">
          <Textarea className={styles.textarea} readOnly value={exported} resize="vertical" rows={6} />
          <a download="esg-mapping.json" href={`data:application/json;charset=utf-8,${encodeURIComponent(exported)}`}>
            Download esg-mapping.json
          </a>
        </Field>
      )}
      {showImport && (
        <Field label="Paste a mapping template (JSON)">
          <Textarea className={styles.textarea} value={importText} onChange={(_, d) => setImportText(d.value)} rows={6} resize="vertical" />
          <Button onClick={() => importJson(importText) && setShowImport(false)} disabled={importText.trim() === ""}>
            Import
          </Button>
        </Field>
      )}
    </section>
  );
}

function ColumnCard({
  column,
  detail,
  onField,
  onUnit,
}: {
  column: ColumnMapping;
  detail: ColumnSuggestion | undefined;
  onField: (index: number, field: FieldId | null) => void;
  onUnit: (index: number, unit: string | null) => void;
}) {
  const styles = useStyles();
  const def = column.field ? fieldDef(column.field) : undefined;
  const label = column.header || `Column ${column.index + 1}`;
  const units = def?.kind === "quantity" && def.dimension ? (UNITS_BY_DIMENSION[def.dimension] ?? []) : [];
  const unitText =
    def?.kind === "quantity"
      ? column.unit
        ? `Unit ${column.unit}${detail?.unitSource === "header" ? " (from the header)" : ""}`
        : detail?.unitSource === "cells"
          ? "Unit written in each cell"
          : detail?.unitSource === "unit column"
            ? "Unit from the unit column"
            : "No unit found: choose one"
      : null;
  return (
    <li className={styles.card} data-column={column.index}>
      <div className={styles.head}>
        <Text weight="semibold">{label}</Text>
        {column.field ? confidenceBadge(column.confidence, column.confirmed) : <Badge appearance="outline">not mapped</Badge>}
      </div>
      <Dropdown
        aria-label={`Field for ${label}`}
        className={styles.dropdown}
        value={def ? def.label : "— not mapped —"}
        selectedOptions={[column.field ?? NOT_MAPPED]}
        onOptionSelect={(_, d) => onField(column.index, d.optionValue === NOT_MAPPED || !d.optionValue ? null : (d.optionValue as FieldId))}
      >
        <Option value={NOT_MAPPED} text="— not mapped —">
          — not mapped —
        </Option>
        {FIELDS.map((f) => (
          <Option key={f.id} value={f.id} text={f.label}>
            {f.label}
          </Option>
        ))}
      </Dropdown>
      {unitText && <Caption1>{unitText}</Caption1>}
      {units.length > 0 && detail?.unitSource !== "cells" && detail?.unitSource !== "unit column" && (
        <Dropdown
          aria-label={`Unit for ${label}`}
          className={styles.dropdown}
          placeholder="Unit"
          value={column.unit ?? ""}
          selectedOptions={column.unit ? [column.unit] : []}
          onOptionSelect={(_, d) => onUnit(column.index, d.optionValue ?? null)}
        >
          {units.map((u) => (
            <Option key={u} value={u}>
              {u}
            </Option>
          ))}
        </Dropdown>
      )}
    </li>
  );
}
