import type { RemoteName, SessionUser } from "@priyom/federation";

/** One section of the shell: a route served by one remote. */
export interface ShellSection {
  remote: RemoteName;
  path: string;
  title: string;
  description: string;
  /**
   * Who sees the section in the navigation and on the home page; absent = everyone. The route itself
   * always exists: whoever opens it without the role gets the remote's own explanation.
   */
  roles?: readonly SessionUser["role"][];
}

/** The sections, in navigation order. */
export const SHELL_SECTIONS: readonly ShellSection[] = [
  {
    remote: "cabinet",
    path: "/cabinet",
    title: "Личный кабинет",
    description: "Личные данные, безопасность входа и уведомления.",
  },
  {
    remote: "referrals",
    path: "/referrals",
    title: "Мои направления",
    description: "Направления от врачей и к каким специалистам по ним записывают.",
  },
  {
    remote: "calendar",
    path: "/calendar",
    title: "Запись к врачу",
    description: "Врачи, даты и свободное время по вашему направлению.",
  },
  {
    remote: "my-appointments",
    path: "/appointments",
    title: "Мои записи",
    description: "Предстоящие и прошедшие приёмы, перенос и отмена записи.",
  },
  {
    remote: "staff",
    path: "/staff",
    title: "Работа с записями",
    description: "Приоритетные запросы, журнал, недоставленные уведомления и приёмы дня.",
    roles: ["clinic_staff", "admin"],
  },
];

/**
 * The sections a visitor is offered: those without roles, and those naming the signed-in user's role.
 * @example sectionsFor(null).map((s) => s.path) // ["/cabinet", "/referrals", "/calendar", "/appointments"]
 */
export function sectionsFor(user: Pick<SessionUser, "role"> | null | undefined): readonly ShellSection[] {
  return SHELL_SECTIONS.filter(
    (section) => section.roles === undefined || (user != null && section.roles.includes(user.role)),
  );
}

export const SITE_TITLE = "Приём — запись к врачу по направлению";
