// The minutes review's answer strings and the printed plan's strings load with the council-year pages, not with the first page.
import { addMessages } from "../../lib/i18n.js";
import { minutesReview } from "../../lib/messages/minutes-review.js";
import { year } from "../../lib/messages/year.js";
import { yearPrint } from "../../lib/messages/year-print.js";

addMessages(minutesReview);
addMessages(yearPrint);
addMessages(year);
