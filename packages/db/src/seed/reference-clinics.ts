import type { clinics } from "../schema/clinics.ts";

/**
 * Demo medical organisations in four of Russia's time zones (UTC+2, +3, +5, +10), so every
 * time-zone path is exercised from the first start. ОГРН values pass the checksum.
 */
export const REFERENCE_CLINICS: readonly (typeof clinics.$inferInsert)[] = [
  {
    id: "cln_msk0002",
    shortName: "Городская поликлиника № 2",
    fullName:
      "Государственное бюджетное учреждение здравоохранения города Москвы «Городская поликлиника № 2 Департамента здравоохранения города Москвы»",
    ogrn: "1027700132195",
    address: "г. Москва, ул. Тверская, д. 12, стр. 1",
    region: "Москва",
    timeZone: "Europe/Moscow",
    registryPhone: "+7 495 123-45-67",
    placeType: "polyclinic",
    latitude: 55.7648,
    longitude: 37.6055,
  },
  {
    id: "cln_ekb0007",
    shortName: "Центральная городская больница № 7",
    fullName:
      "Государственное автономное учреждение здравоохранения Свердловской области «Центральная городская больница № 7 город Екатеринбург»",
    ogrn: "1026603123458",
    address: "г. Екатеринбург, ул. Вильгельма де Геннина, д. 32",
    region: "Свердловская область",
    timeZone: "Asia/Yekaterinburg",
    registryPhone: "+7 343 210-11-22",
    placeType: "hospital",
    latitude: 56.7913,
    longitude: 60.5446,
  },
  {
    id: "cln_vvo0001",
    shortName: "Владивостокская поликлиника № 1",
    fullName:
      "Краевое государственное бюджетное учреждение здравоохранения «Владивостокская поликлиника № 1»",
    ogrn: "1022500987651",
    address: "г. Владивосток, ул. Светланская, д. 64",
    region: "Приморский край",
    timeZone: "Asia/Vladivostok",
    registryPhone: "+7 423 240-33-44",
    placeType: "polyclinic",
    latitude: 43.1165,
    longitude: 131.8963,
  },
  {
    id: "cln_kgd0003",
    shortName: "Областной диагностический центр",
    fullName:
      "Государственное бюджетное учреждение здравоохранения «Калининградский областной диагностический центр»",
    ogrn: "1033900012343",
    address: "г. Калининград, ул. Барнаульская, д. 6",
    region: "Калининградская область",
    timeZone: "Europe/Kaliningrad",
    registryPhone: "+7 4012 55-66-77",
    placeType: "centre",
    latitude: 54.7331,
    longitude: 20.4722,
  },
];
