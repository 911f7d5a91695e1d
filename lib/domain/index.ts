/**
 * The policy engine's public facade, exactly as ../shared/domain/CONTRACT.md fixes it.
 * The app may import richer functions from the modules themselves; outside checks call these.
 */
export { DomainError } from "./errors";
export type { Calendar } from "./calendar";
export { allocateByRatio } from "./allocation";
export { riskSharingRatios } from "./risk-sharing";
export { circuitBreaker } from "./circuit-breaker";
export { addWorkingDays } from "./calendar";
export { defaultTimeline } from "./default-timeline";
export { interestSubsidy } from "./subsidy";
export { isCreditArea } from "./credit-area";
export { bankEvaluation } from "./bank-evaluation";
export { validateIdCard } from "./identity";
export { checkHouseholdLoan } from "./eligibility";
