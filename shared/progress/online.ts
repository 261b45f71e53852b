/**
 * Online procedures, counted as the national dashboard counts them (デジタル庁「自治体DX」の手続オンライン化):
 * a municipality is complete when every one of its target procedures can be done through マイナポータル
 * (ぴったりサービス). The broader figure — every target procedure online through any channel, another
 * e-application system included — is reported beside it, never in its place.
 *
 * A procedure is a progress item with a step offering the マイナポータル option; the step's state says
 * its channel: 完了 with that option → マイナポータル, 完了 with another option (or none) → another
 * e-application system, not 完了 → not online, 対象外 → not a target for that municipality.
 */

/** The step option that means マイナポータル (ぴったりサービス). */
const MYNAPORTAL_OPTION = "マイナポータル";

const onlineChannels = ["mynaportal", "other", "none"] as const;
export type OnlineChannel = (typeof onlineChannels)[number];

/** Whether a step's options (as stored: a JSON array of strings) make its item an online procedure. */
export const offersMynaportal = (options: readonly string[] | null) => options?.includes(MYNAPORTAL_OPTION) ?? false;

/** A procedure's channel from its step's state; null when it is not a target (対象外). */
export function channelOf(state: { status: string; option: string | null } | null): OnlineChannel | null {
  if (!state) return "none";
  if (state.status === "not_applicable") return null;
  if (state.status !== "done") return "none";
  return state.option === MYNAPORTAL_OPTION ? "mynaportal" : "other";
}

/** One municipality: complete by the national definition, by the broad one, or no target procedure at all. */
export type MunicipalityOnline = "mynaportal" | "online" | "not_online" | "no_data";

export function municipalityOnline(channels: readonly (OnlineChannel | null)[]): MunicipalityOnline {
  const targets = channels.filter((c): c is OnlineChannel => c !== null);
  if (!targets.length) return "no_data";
  if (targets.every((c) => c === "mynaportal")) return "mynaportal";
  if (targets.every((c) => c !== "none")) return "online";
  return "not_online";
}

export interface CompletionFigure {
  /** Municipalities complete under this definition. */
  complete: number;
  /** Their share of the municipalities with at least one target procedure (0–100, two decimals); null when none has. */
  pct: number | null;
}
export interface OnlineCompletion {
  /** Municipalities with at least one target procedure (the denominator). */
  counted: number;
  /** Municipalities with no target procedure: "no data", neither 0 % nor 100 %. */
  noData: number;
  /** The national dashboard's figure: every target procedure via マイナポータル. */
  national: CompletionFigure;
  /** Every target procedure online through any channel (other e-application systems included). */
  broad: CompletionFigure;
}

/** Both figures over municipalities, each given as its procedures' channels (null = 対象外). */
export function onlineCompletion(municipalities: readonly (readonly (OnlineChannel | null)[])[]): OnlineCompletion {
  const states = municipalities.map(municipalityOnline);
  const counted = states.filter((s) => s !== "no_data").length;
  const figure = (complete: number): CompletionFigure => ({
    complete,
    pct: counted ? Math.round((complete / counted) * 10_000) / 100 : null,
  });
  const national = states.filter((s) => s === "mynaportal").length;
  return {
    counted,
    noData: states.length - counted,
    national: figure(national),
    broad: figure(national + states.filter((s) => s === "online").length),
  };
}
