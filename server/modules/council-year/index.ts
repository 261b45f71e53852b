/** The council-year module's public face: the home page's part. */

export { yearDeadlines } from "./home.js";
