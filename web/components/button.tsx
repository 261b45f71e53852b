import type { ButtonHTMLAttributes, ReactNode } from "react";
import { Link, type LinkProps } from "react-router";

export type ButtonVariant = "primary" | "secondary" | "text" | "danger";
export type ButtonSize = "md" | "sm";

const base =
  "inline-flex items-center justify-center gap-2 rounded-8 text-oln-16B-100 underline-offset-[3px] cursor-pointer " +
  "disabled:cursor-not-allowed aria-disabled:cursor-not-allowed";

const variants: Record<ButtonVariant, string> = {
  primary:
    "border-4 border-double border-transparent bg-blue-900 text-white hover:bg-blue-1000 hover:underline active:bg-blue-1200 " +
    "disabled:bg-solid-gray-300 disabled:text-solid-gray-50",
  secondary:
    "border border-current bg-white text-blue-900 hover:bg-blue-200 hover:text-blue-1000 hover:underline active:bg-blue-300 " +
    "disabled:text-solid-gray-420",
  text: "text-blue-900 underline hover:bg-blue-50 hover:text-blue-1000 active:bg-blue-100 disabled:text-solid-gray-420",
  danger:
    "border border-current bg-white text-error-2 hover:bg-red-50 hover:underline active:bg-red-100 disabled:text-solid-gray-420",
};

const sizes: Record<ButtonSize, string> = {
  md: "min-h-12 min-w-24 px-4 py-2",
  sm: "min-h-9 min-w-16 px-3 py-1 text-oln-14B-100",
};

export function buttonClass(variant: ButtonVariant = "primary", size: ButtonSize = "md", extra = ""): string {
  return `${base} ${variants[variant]} ${sizes[size]} ${extra}`;
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Shows the busy label and disables the button while a request runs. */
  busy?: boolean;
  busyLabel?: ReactNode;
}

export function Button({ variant = "primary", size = "md", busy, busyLabel, className, children, type, ...rest }: ButtonProps) {
  return (
    <button
      type={type ?? "button"}
      {...rest}
      className={buttonClass(variant, size, className)}
      disabled={busy || rest.disabled}
      aria-busy={busy || undefined}
    >
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}

export interface ButtonLinkProps extends LinkProps {
  variant?: ButtonVariant;
  size?: ButtonSize;
}

/** A link that looks like a button (navigation stays a link for screen readers). */
export function ButtonLink({ variant = "secondary", size = "md", className, ...rest }: ButtonLinkProps) {
  return <Link className={buttonClass(variant, size, `no-underline ${className ?? ""}`)} {...rest} />;
}
