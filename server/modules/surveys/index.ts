/** The surveys module's public face for other modules. */

export { questionFigures } from "./figures.js";
export { openSurveyAnswersOf } from "./handover-repo.js";
export { radarLateAnswers, surveyPeriodResponses, surveyResponseCounts } from "./insight-repo.js";
