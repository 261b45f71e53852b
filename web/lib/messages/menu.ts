/** Menu labels of the features whose other strings load with their pages (features/<name>/messages.ts). */
export const menu = {
  "nav.procurement": ["共同調達・費用按分", "Joint procurement"],
  "nav.handover": ["人事異動", "Personnel changes"],
  "nav.handoverMine": ["引継ぎ書", "My handover"],
  "nav.directory": ["ディレクトリ同期", "Directory sync"],
} as const;
