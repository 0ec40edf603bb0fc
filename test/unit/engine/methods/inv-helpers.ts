import { IssueError } from "../../../../src/engine/issues/issue";

/** The issue code a call fails with (undefined when it succeeds); other errors propagate. */
export function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (e) {
    if (e instanceof IssueError) return e.issue.code;
    throw e;
  }
  return undefined;
}
