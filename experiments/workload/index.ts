export * from "./schema.ts";
export { TraceError, detectTraceFormat, parseTrace, requireTrace } from "./trace.ts";
export type { Trace, TraceFormat, TraceParseOptions, TraceRow } from "./trace.ts";
export { loadTrace, loadWorkloadTraces } from "./loadTrace.ts";
export { createRequestSource, traceRefs } from "./source.ts";
export type { TraceRef } from "./source.ts";
export * from "./arrivals/index.ts";
export * from "./lengths/index.ts";
