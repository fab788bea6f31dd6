import { ValidationError } from "../validation-error";
/**
 * JupyterLab app settings shared by the domain defaults and every user profile (§5.1, §5.5):
 * default instance, one download lifecycle config, and the built-in idle shutdown.
 */

/** Studio's built-in idle shutdown of JupyterLab; the provider accepts 60-525600 minutes. */
export interface IdleShutdown {
  readonly timeoutMinutes: number;
  /**
   * Lowest idle timeout a user may choose.
   * @default timeoutMinutes (pinned: the provider would otherwise send 0)
   */
  readonly minTimeoutMinutes?: number;
  /**
   * Highest idle timeout a user may choose.
   * @default timeoutMinutes (pinned: the provider would otherwise send 0)
   */
  readonly maxTimeoutMinutes?: number;
}

export interface JupyterLabDefaults {
  readonly instanceType: string;
  /** ARN of the lifecycle config that runs by default; also the only one offered. */
  readonly lifecycleConfigArn: string;
  readonly idleShutdown: IdleShutdown;
}

export const IDLE_MINUTES = { min: 60, max: 525600 } as const;

/** Throws when the idle settings are outside the provider's range or not ordered min <= t <= max. */
export function checkIdleShutdown(idle: IdleShutdown, where: string): Required<IdleShutdown> {
  const full = {
    timeoutMinutes: idle.timeoutMinutes,
    minTimeoutMinutes: idle.minTimeoutMinutes ?? idle.timeoutMinutes,
    maxTimeoutMinutes: idle.maxTimeoutMinutes ?? idle.timeoutMinutes,
  };
  for (const [k, v] of Object.entries(full))
    if (!Number.isInteger(v) || v < IDLE_MINUTES.min || v > IDLE_MINUTES.max)
      throw new ValidationError(
        `idle shutdown ${k} ${v} must be an integer in ${IDLE_MINUTES.min}-${IDLE_MINUTES.max}`,
        where,
      );
  if (full.minTimeoutMinutes > full.timeoutMinutes || full.timeoutMinutes > full.maxTimeoutMinutes)
    throw new ValidationError(
      `idle shutdown must satisfy min ${full.minTimeoutMinutes} <= timeout ${full.timeoutMinutes} <= max ${full.maxTimeoutMinutes}`,
      where,
    );
  return full;
}

/**
 * The `jupyter_lab_app_settings` block. Always explicit: provider 5.100 drops empty lifecycle
 * settings from its requests, so "no lifecycle config" cannot be expressed and a removed value
 * would silently stay in place (§5.5). Swapping one ARN for another is sent in place.
 */
export function jupyterLabAppSettings(d: JupyterLabDefaults, where: string) {
  const idle = checkIdleShutdown(d.idleShutdown, where);
  return {
    defaultResourceSpec: { instanceType: d.instanceType, lifecycleConfigArn: d.lifecycleConfigArn },
    // Only the default is offered: a second ARN here would let users pick the other download mode.
    lifecycleConfigArns: [d.lifecycleConfigArn],
    appLifecycleManagement: {
      idleSettings: {
        lifecycleManagement: "ENABLED",
        idleTimeoutInMinutes: idle.timeoutMinutes,
        minIdleTimeoutInMinutes: idle.minTimeoutMinutes,
        maxIdleTimeoutInMinutes: idle.maxTimeoutMinutes,
      },
    },
  };
}
