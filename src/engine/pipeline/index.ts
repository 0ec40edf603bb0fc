/** The pipeline's public API (validate -> resolve factors -> calculate -> aggregate -> explain). */
export * from "./records";
export { runPipeline, rowLines, rowIssues, locateRow, type PipelineSettings, type PipelineContext, type PipelineOutput, type PipelineCounts, type ValidationReport, type RowLine } from "./run";
export { explainRow, type ExplainedRow, type ExplainedLine } from "./explain";
export { buildLedgers, sumByCode, exactSum, type Ledgers, type InventoryLedger, type AvoidedLedger as PipelineAvoidedLedger, type MaterialFlowLedger as PipelineMaterialFlowLedger, type LineTotal } from "./aggregate";
export { ROW_COMPUTED, ROW_REJECTED, type LineCode, type LedgerName } from "./lines";
