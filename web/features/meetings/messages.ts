// The meeting form's date hints and warnings load with the meetings pages, not with the first page.
import { addMessages } from "../../lib/i18n.js";
import { meetingForm } from "../../lib/messages/meeting-form.js";

addMessages(meetingForm);
