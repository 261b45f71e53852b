// The meeting form's date hints and warnings, and the referral strings, load with the meetings pages, not with the first page.
import { addMessages } from "../../lib/i18n.js";
import { meetingForm } from "../../lib/messages/meeting-form.js";
import { meetings } from "../../lib/messages/meetings.js";
import { office } from "../../lib/messages/office.js";
import { publication } from "../../lib/messages/publication.js";
import { referrals } from "../../lib/messages/referrals.js";
import { spaces } from "../../lib/messages/spaces.js";
import { year } from "../../lib/messages/year.js";

addMessages(meetingForm);
addMessages(referrals);
addMessages(spaces);
addMessages(meetings);
addMessages(publication);
addMessages(office);
addMessages(year);
