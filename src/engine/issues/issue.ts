import { ISSUE_CATALOGUE, type IssueCode, type IssueKind } from "./catalogue";

export type IssueParams = Record<string, string | number | undefined>;

/** An expected problem, as a value. */
export interface Issue {
  readonly code: IssueCode;
  readonly kind: IssueKind;
  readonly message: string;
  readonly hint: string;
  readonly params: IssueParams;
  /** Near matches for an unknown id, best first. */
  readonly suggestions?: readonly string[];
}

function fill(template: string, params: IssueParams): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const v = params[key];
    return v === undefined ? "" : String(v);
  });
}

/** Builds an issue from the catalogue. */
export function issue(code: IssueCode, params: IssueParams = {}, suggestions?: readonly string[]): Issue {
  const entry = ISSUE_CATALOGUE[code];
  const withSuggestion: IssueParams = {
    ...params,
    suggestion:
      params.suggestion ??
      (suggestions && suggestions.length > 0 ? ` Did you mean ${suggestions.slice(0, 3).map((s) => `'${s}'`).join(", ")}?` : ""),
  };
  return {
    code,
    kind: entry.kind,
    message: fill(entry.template, withSuggestion).replace(/\s+\./g, ".").trim(),
    hint: entry.hint,
    params,
    ...(suggestions && suggestions.length > 0 ? { suggestions } : {}),
  };
}

/**
 * Internal carrier used to unwind deep calculation code; public engine entry
 * points catch it with `attempt` and return the issue as a value.
 */
export class IssueError extends Error {
  constructor(readonly issue: Issue) {
    super(issue.message);
    this.name = "IssueError";
  }
}

/** Throws the issue (for use deep inside a calculation). */
export function fail(code: IssueCode, params: IssueParams = {}, suggestions?: readonly string[]): never {
  throw new IssueError(issue(code, params, suggestions));
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; issue: Issue };

/** Runs a calculation and turns an IssueError into a value; other errors propagate (they are bugs). */
export function attempt<T>(run: () => T): Outcome<T> {
  try {
    return { ok: true, value: run() };
  } catch (err) {
    if (err instanceof IssueError) return { ok: false, issue: err.issue };
    throw err;
  }
}

export function isIssue(x: unknown): x is Issue {
  return typeof x === "object" && x !== null && "code" in x && "kind" in x && "message" in x && "params" in x;
}
