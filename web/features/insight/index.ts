import "./messages.js";

export { InsightPage } from "./insight-page.js";
export { RadarBacktestPage } from "./radar-backtest-page.js";
export { RadarPage } from "./radar-page.js";
export { ReportPage } from "./report-page.js";
export { RulesPage } from "./rules-page.js";
export { SuggestionsPage } from "./suggestions-page.js";
