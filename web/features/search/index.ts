import "./messages.js";

export { SearchPage } from "./search-page.js";
