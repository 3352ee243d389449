export * from "./api-error.ts";
export * from "./client.ts";
export type {
  TChild,
  TChildInput,
  TChildListResponse,
  TClinic,
  TClinicListResponse,
  TDevOutboxMessage,
  TNotificationChannel,
  TPlaceType,
  TProfile,
  TProfileUpdateRequest,
  TRegistryCheck,
  TRegistryCheckState,
  TSessionInfo,
  TSessionUser,
  TSignInResponse,
  TSpecialty,
  TSpecialtyListResponse,
  TTwoFactorEnableResponse,
} from "@priyom/contracts";
