import "./messages.js";

export { DirectoryPage } from "./directory-page.js";
