// The meeting form's date hints and warnings, and the referral strings, load with the meetings pages, not with the first page.
import { addMessages } from "../../lib/i18n.js";
import { meetingForm } from "../../lib/messages/meeting-form.js";
import { referrals } from "../../lib/messages/referrals.js";

addMessages(meetingForm);
addMessages(referrals);
