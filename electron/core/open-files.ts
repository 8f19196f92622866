import { isSxcuPath, type OpenedSxcuFiles } from './uploaders/sxcu/opened-files.js';
import type { AddOutcome, UploadsService } from './uploads/service.js';

/**
 * Files the app was asked to open (launch arguments, "Open with", a second launch, the tray):
 * .sxcu files wait for the user to confirm their import; everything else is uploaded.
 */
export async function openFilesWithShotput(services: { uploads: Pick<UploadsService, 'addFiles'>; openedSxcu: Pick<OpenedSxcuFiles, 'offer'> }, files: string[]): Promise<{ uploads: AddOutcome[]; sxcu: number }> {
  const sxcu = files.filter(isSxcuPath);
  for (const path of sxcu) await services.openedSxcu.offer(path);
  const others = files.filter((f) => !isSxcuPath(f));
  return { uploads: others.length > 0 ? await services.uploads.addFiles(others) : [], sxcu: sxcu.length };
}
