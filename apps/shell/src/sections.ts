import type { RemoteName } from "@priyom/federation";

/** One section of the shell: a route served by one remote. */
export interface ShellSection {
  remote: RemoteName;
  path: string;
  title: string;
  description: string;
}

/** The four sections, in navigation order. */
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
];

export const SITE_TITLE = "Приём — запись к врачу по направлению";
