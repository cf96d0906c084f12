/** The certificate's colours (pdf-lib's RGB shape, built here so the renderer does not load pdf-lib for them). */
import type { RGB } from "pdf-lib";

const rgb = (red: number, green: number, blue: number): RGB => ({ type: "RGB", red, green, blue }) as RGB;

/** Palette. */
export const COLORS = {
  paper: rgb(0.992, 0.984, 0.957),
  navy: rgb(0.071, 0.165, 0.333),
  gold: rgb(0.741, 0.596, 0.282),
  goldLight: rgb(0.91, 0.83, 0.62),
  ink: rgb(0.16, 0.17, 0.2),
  muted: rgb(0.38, 0.4, 0.45),
  white: rgb(1, 1, 1),
};
