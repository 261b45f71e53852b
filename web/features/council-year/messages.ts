// The minutes review's answer strings load with the council-year pages, not with the first page.
import { addMessages } from "../../lib/i18n.js";
import { minutesReview } from "../../lib/messages/minutes-review.js";

addMessages(minutesReview);
