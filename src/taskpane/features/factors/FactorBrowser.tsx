import { useMemo, useState } from "react";
import { Field, Input, makeStyles, tokens, Text, Caption1 } from "@fluentui/react-components";
import type { SearchHit } from "../../../engine";
import { bundledRegistry } from "../../../bundled/libraries";

/** State hook: the query and its hits. */
function useFactorSearch(limit = 25) {
  const [query, setQuery] = useState("");
  const hits: SearchHit[] = useMemo(() => (query.trim().length < 2 ? [] : bundledRegistry().search(query, limit)), [query, limit]);
  return { query, setQuery, hits };
}

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  item: { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, paddingBottom: tokens.spacingVerticalXS, overflowWrap: "anywhere" },
});

/** Searches the bundled factor libraries and shows each hit with its provenance. */
export function FactorBrowser() {
  const styles = useStyles();
  const { query, setQuery, hits } = useFactorSearch();
  return (
    <section aria-label="Factor libraries">
      <Field label="Search factors" hint="Words in the id, label, category, region or year, e.g. “HGV average laden”.">
        <Input value={query} onChange={(_, d) => setQuery(d.value)} />
      </Field>
      {query.trim().length >= 2 && hits.length === 0 && <Text role="status">No factor matches “{query}”.</Text>}
      <ul className={styles.list}>
        {hits.map(({ loaded: { factor, library } }) => (
          <li key={`${factor.id}|${factor.region}|${factor.year}`} className={styles.item}>
            <Text weight="semibold">{factor.label}</Text>
            <br />
            <Text>
              {factor.value} {factor.unit} · {factor.region} {factor.year}
            </Text>
            <br />
            <Caption1>
              {factor.id} — {library.title} {library.edition}, {factor.sourceTable} row {factor.sourceRow}; {library.licence.name}
            </Caption1>
          </li>
        ))}
      </ul>
    </section>
  );
}
