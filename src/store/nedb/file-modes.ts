/** Permissions for what the store creates on disk (NeDB's `modes` option has this shape). */
export interface FileModes {
  fileMode: number;
  dirMode: number;
}

/**
 * Labels, teams and id maps are the owner's business: every file the store writes (data files,
 * their compaction temporaries `name.db~`, the folder's lock) is readable by its owner only, and
 * so is a data folder the store creates (one that exists keeps the mode it was given).
 */
export const PRIVATE_MODES: Readonly<FileModes> = { fileMode: 0o600, dirMode: 0o700 };
