// The public surface of the engine. The web app (through its worker) and the CLI
// import from here only.
export { loadManifests, type LoadOptions } from './parse/manifests.js';
export { createIncrementalLoader, type IncrementalLoader } from './parse/incremental.js';
export { simulate, type SimulateOptions, type EntryMode } from './simulate.js';
export { runTestFile, runParsedTestFile, runCase, compareExpectation, supportedModes, type CaseResult, type FileResult } from './check/run.js';
export { parseTestFile, type TestFile, type TestCase, type Expectation } from './check/format.js';
export { coverageOf, mergeCoverage, routingRules, type Coverage, type RuleInfo } from './check/coverage.js';
export {
  normalizeRequest,
  parseHeaderLines,
  RequestError,
  CONTROLLER_NAMES,
  type ControllerName,
  type RequestInput,
  type NormalizedRequest,
} from './model/request.js';
export type { Cluster, ManifestSource, IgnoredObject } from './model/cluster.js';
export type { Diagnostic, Severity } from './model/diagnostics.js';
export { describeDiagnostic } from './model/diagnostics.js';
export type { SourceRef, SourceRange } from './model/source.js';
export type { ObjectRef } from './model/resources.js';
export type * from './trace/types.js';
export { REASONS, reasonSentence, type ReasonCode } from './trace/reasons.js';
export { CONTROLLER_PROFILES } from './ingress/classes.js';
export { entryPoints, type EntryPoints, type GatewayEntry } from './entry.js';
export { gatewayStatus, type GatewayApiStatus, type GatewayStatusInfo, type ListenerStatusInfo, type RouteStatusInfo, type RouteParentStatusInfo, type Condition } from './gateway/status.js';
export { refAt } from './model/source.js';
export { generateRequests, mergeRequests, type GeneratedRequest } from './analysis/requests.js';
export { summarizeOutcome, decidingRule } from './analysis/outcome.js';
export { compareControllers, compareImplementations, implementationReason, type Comparison, type ComparisonRow, type SubjectResult } from './analysis/compare.js';
export { capabilities, type Capabilities, type ImplementationCapability, type UsedFeature } from './analysis/capabilities.js';
export { IMPLEMENTATIONS, IMPLEMENTATION_NAMES, findImplementation, implementationChoices, implementationLabel, reportCitation, type ImplementationProfile } from './gateway/implementations/index.js';
export { CONFORMANCE_SOURCE } from './gateway/implementations/conformance.generated.js';
export { swapControllers, explainSwap, type ControllerSwap, type SwapDifference } from './analysis/swap.js';
export { diffConfigs, threeWayDiff, type ConfigDiff, type RoutingDifference, type ThreeWayDiff, type ThreeWayDifference, type DifferenceCause } from './analysis/diff.js';
export { simulateSplit, splitOf, type SplitRun } from './analysis/split.js';
export { lint, type Problem, type LintOptions } from './analysis/lint.js';
export { convertIngresses, inferController, CONVERT_QUIRKS, DEFAULT_QUIRKS, type Conversion, type Deviation, type ConvertQuirk, type QuirkChoice, type QuirkDecision, type ConvertOptions } from './analysis/convert.js';
export { proveConversion, blockerRequests, type Proof, type ProofDifference } from './analysis/prove.js';
export { outcomeSucceeded, STEP_LABELS } from './trace/types.js';
export { LogReplay, compileLogFormat, parseLogLine, INGRESS_NGINX_LOG_FORMAT, type LogFormat, type ReplayOptions, type ReplaySummary, type ReplayGroup, type ReplayChange } from './analysis/replay.js';
export { verifyPlan, verifyScript, shellQuote, isIpAddress, type VerifyPlan, type VerifyItem, type Expectation as VerifyExpectation, type ScriptOptions } from './analysis/verify.js';
