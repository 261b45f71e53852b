export interface DocumentFoldersTable {
  id: string;
  /** Null: the shared area (共有), visible to every signed-in user. */
  body_id: string | null;
  name: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface DocumentsTable {
  id: string;
  body_id: string | null;
  folder_id: string | null;
  title: string;
  kind: "material" | "minutes" | "report" | "guideline" | "national" | "form" | "other";
  fiscal_year: number | null;
  source: string | null;
  /** JSON string array. */
  tags: string;
  current_version: number;
  created_by: string;
  org_id: string;
  created_at: string;
  updated_at: string;
}

export interface DocumentVersionsTable {
  id: string;
  document_id: string;
  version: number;
  file_id: string;
  note: string;
  text: string | null;
  text_status: "pending" | "done" | "none" | "failed";
  created_by: string;
  created_at: string;
}

export interface DocumentsTables {
  document_folders: DocumentFoldersTable;
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
}
