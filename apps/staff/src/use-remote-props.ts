import type { RemoteMountProps } from "@priyom/federation";
import { inject, type InjectionKey } from "vue";

export const REMOTE_PROPS_KEY: InjectionKey<RemoteMountProps> = Symbol("priyom-remote-props");

/** The props the shell (or the standalone entry) mounted this remote with. */
export function useRemoteProps(): RemoteMountProps {
  const props = inject(REMOTE_PROPS_KEY);
  if (!props) throw new Error("useRemoteProps() outside a mounted remote");
  return props;
}
