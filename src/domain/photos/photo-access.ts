// Pure: who may see an item's photos — its author, staff whose grid role covers the item's grid (or its community, for items
// without a grid; organisers and clerks cover no grid), and staff the console lets handle the item (coversItem: community police for police-related and tier-3 items).
import { coversGrid, GRID_ROLES, hasRoleIn, type StaffScope } from '../auth/staff-scope';
import { coversItem } from '../console/item-access';

export interface PhotoViewer {
  userId: number | null;
  staffScope: StaffScope;
  /** The draft token from the visitor's cookie, if any. */
  draftToken: string | null;
}

export interface PhotoOwner {
  /** Null while the photo belongs to a draft form. */
  /** policeRelated and tier let the console's scope rule (coversItem) apply; without them only the grid rule does. */
  submission: { authorUserId: number; communityId: number; gridId: number | null; policeRelated?: boolean; tier?: number } | null;
  draftToken: string | null;
}

export function canSeePhoto(viewer: PhotoViewer, photo: PhotoOwner, tokensEqual: (a: string, b: string) => boolean): boolean {
  const s = photo.submission;
  // A draft photo: only whoever holds the form's token (the uploader's browser), signed in or not.
  if (!s) return !!viewer.draftToken && !!photo.draftToken && tokensEqual(viewer.draftToken, photo.draftToken);
  if (viewer.userId !== null && viewer.userId === s.authorUserId) return true;
  if (!viewer.staffScope.length) return false;
  if (s.policeRelated !== undefined && s.tier !== undefined && coversItem(viewer.staffScope, { ...s, policeRelated: s.policeRelated, tier: s.tier })) return true;
  return s.gridId !== null
    ? coversGrid(viewer.staffScope, { id: s.gridId, communityId: s.communityId })
    : hasRoleIn(viewer.staffScope, s.communityId, GRID_ROLES);
}
