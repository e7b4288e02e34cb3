/** How to look at folders: the extension passes VS Code's file system (remote workspaces included), tests the disk. */
export interface FolderReader<Folder> {
  /** The folder above, or undefined at the root. */
  parent(folder: Folder): Folder | undefined;
  /** The names in a folder (empty when it cannot be read). */
  list(folder: Folder): Promise<readonly string[]>;
  /** The text of a file in a folder, or undefined. */
  read(folder: Folder, name: string): Promise<string | undefined>;
}
