/** The pipeline's public API (validate -> resolve factors -> calculate -> aggregate -> explain). */
export * from "./records";
export { runPipeline, rowLines, rowIssues, locateRow, rowLineDqi, dqiContext, type PipelineSettings, type PipelineContext, type PipelineOutput, type PipelineCounts, type ValidationReport, type RowLine } from "./run";
export { explainRow, type ExplainedRow, type ExplainedLine } from "./explain";
export { buildLedgers, sumByCode, sumByCodeWithDqi, exactAggregateDqi, exactSum, type LineDataQuality, type DqiGroup, type Ledgers, type InventoryLedger, type AvoidedLedger as PipelineAvoidedLedger, type MaterialFlowLedger as PipelineMaterialFlowLedger, type LineTotal } from "./aggregate";
export { ROW_COMPUTED, ROW_REJECTED, type LineCode, type LedgerName } from "./lines";
export { packDqi, unpackDqi, worsePacked, scoreRow, scoreFactors, PROFILE_TECH, DQI_SCORED, type DqiContext, type DqiBasis, type FactorProfile } from "./dqi";
export { WASTE_TREATMENTS, LOW_CONFIDENCE } from "./calculators";
