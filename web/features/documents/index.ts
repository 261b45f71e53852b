import "./messages.js";

export { DocumentDetailPage } from "./document-detail-page.js";
export { DocumentLibraryPage } from "./document-library-page.js";
export { DocumentUploadPage } from "./document-upload-page.js";
