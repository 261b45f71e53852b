export { fileSize } from "../../shared/file-size.js";
