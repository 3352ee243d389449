export {
  addChild,
  endAdultChildLinks,
  getChild,
  listChildren,
  removeChild,
  toChild,
  updateChild,
} from "./children.ts";
export { todayInMoscow } from "./checks.ts";
export { PROFILE_MESSAGES } from "./field-errors.ts";
export { deletePersonalData, exportPersonalData } from "./personal-data.ts";
export {
  createPatientProfile,
  getProfile,
  identifierHeldElsewhere,
  refreshRegistryChecks,
  toProfile,
  updateProfile,
} from "./patient-profile.ts";
export { checkIdentifiers, type ProfileDeps } from "./registry-checks.ts";
