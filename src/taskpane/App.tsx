import { makeStyles, tokens, Title3, Caption1 } from "@fluentui/react-components";
import { METHOD } from "../engine";
import { FactorBrowser } from "./features/factors/FactorBrowser";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM, minWidth: "280px" },
});

export function App() {
  const styles = useStyles();
  return (
    <main className={styles.root}>
      <header>
        <Title3 as="h1">Electronics ESG</Title3>
        <Caption1 as="p">
          {METHOD.id} {METHOD.version}
        </Caption1>
      </header>
      <FactorBrowser />
    </main>
  );
}
