/**
 * The one place where engine issues become taskpane messages (the other place, for Excel
 * cells, is src/functions/excel-values.ts). Components show what this returns.
 */
import type { Issue } from "../engine";

export type MessageIntent = "error" | "warning" | "info";

export interface TaskpaneMessage {
  /** One sentence saying what is wrong. */
  text: string;
  /** What the user can do about it. */
  fix: string;
  /** Catalogue code, for support and for the ESG Issues sheet. */
  code: string;
  intent: MessageIntent;
}

const INTENT: Record<Issue["kind"], MessageIntent> = { input: "error", rule: "error", missing: "warning", internal: "error" };

export function messageOf(issue: Issue, severity?: "error" | "warning"): TaskpaneMessage {
  return {
    text: issue.message,
    fix: issue.hint,
    code: issue.code,
    intent: severity ?? INTENT[issue.kind],
  };
}

/** A one-line form for status bars and notices: "message (CODE)". */
export function lineOf(issue: Issue): string {
  return `${issue.message} (${issue.code})`;
}
