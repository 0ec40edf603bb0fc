/** The `esg` command line: headless runs for preparers and verifiers. */
import { IssueError, METHOD, ENGINE_VERSION } from "../engine";
import { bundledRegistry } from "../bundled/libraries";
import { factorsCommand, FACTORS_HELP } from "./commands/factors";
import { evalCommand, EVAL_HELP } from "./commands/eval";
import { taxonomyCommand, TAXONOMY_HELP } from "./commands/taxonomy";
import { methodCommand, METHOD_HELP } from "./commands/method";
import { keysCommand, KEYS_HELP } from "./commands/keys";
import { sampleCommand, SAMPLE_HELP } from "./commands/sample";
import { findingsCommand, FINDINGS_HELP } from "./commands/findings";
import { verifyCommand, VERIFY_HELP } from "./commands/verify";
import { runCommand, RUN_HELP } from "./commands/run";
import { recomputeCommand, RECOMPUTE_HELP } from "./commands/recompute";
import { diffMethodCommand, DIFF_METHOD_HELP } from "./commands/diff-method";
import { processIo, UsageError, type CliIo } from "./io";

const HELP = `esg — Electronics ESG command line (engine ${ENGINE_VERSION}, method ${METHOD.id} ${METHOD.version})

Commands:
${[EVAL_HELP, FACTORS_HELP, TAXONOMY_HELP, METHOD_HELP, KEYS_HELP, RUN_HELP, VERIFY_HELP, RECOMPUTE_HELP, DIFF_METHOD_HELP, SAMPLE_HELP, FINDINGS_HELP].map((h) => "  " + h.replace(/\n/g, "\n  ")).join("\n\n")}

  esg help             this text`;

export function main(argv: readonly string[], io: CliIo = processIo): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.out(HELP);
        return 0;
      case "--version":
        io.out(`${ENGINE_VERSION} (${METHOD.id} ${METHOD.version})`);
        return 0;
      case "eval":
        return evalCommand(rest, bundledRegistry(), io);
      case "factors":
        return factorsCommand(rest, bundledRegistry(), io);
      case "taxonomy":
        return taxonomyCommand(rest, io);
      case "method":
        return methodCommand(rest, io);
      case "keys":
        return keysCommand(rest, io);
      case "verify":
        return verifyCommand(rest, io);
      case "sample":
        return sampleCommand(rest, io);
      case "findings":
        return findingsCommand(rest, io);
      case "run":
        return runCommand(rest, io);
      case "recompute":
        return recomputeCommand(rest, io);
      case "diff-method":
        return diffMethodCommand(rest, io);
      default:
        io.err(`Unknown command '${command}'. Run 'esg help' for the list.`);
        return 2;
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\nRun 'esg help' for usage.`);
      return 2;
    }
    if (err instanceof IssueError) {
      io.err(`${err.issue.code}: ${err.issue.message}`);
      return 1;
    }
    throw err;
  }
}
