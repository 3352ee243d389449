export * from "./api-error.ts";
export * from "./client.ts";
export type {
  TClinic,
  TClinicListResponse,
  TPlaceType,
  TSpecialty,
  TSpecialtyListResponse,
} from "@priyom/contracts";
