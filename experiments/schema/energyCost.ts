import { z } from "zod";
import { DEFAULT_PUE } from "../../hardware/power/facility.ts";

/** The scenario's `energy` section: facility overhead and carbon. Device power states come from the devices. */
export const EnergySchema = z
  .strictObject({
    pue: z
      .number()
      .min(1)
      .default(DEFAULT_PUE)
      .describe(
        "Power usage effectiveness: facility power over IT power (cooling, conversion). Default 1.2, a modern hyperscale-class site; the industry average is about 1.56 (Uptime Institute 2024).",
      ),
    gridGramsCo2PerKWh: z
      .number()
      .min(0)
      .optional()
      .describe("Carbon intensity of the electricity, grams of CO2 per kWh; when set, the summary reports grams of CO2."),
  })
  .describe("Energy accounting: facility PUE and optional grid carbon intensity.");

/** The scenario's `cost` section: what devices and electricity cost. */
export const CostSchema = z
  .strictObject({
    usdPerDeviceHour: z
      .record(z.string(), z.number().min(0))
      .default({})
      .describe(
        "Price of one device for one provisioned hour, by device name, overriding the built-in defaults (cloud on-demand prices, hardware/power/prices.ts); needed for inline devices.",
      ),
    usdPerKWh: z
      .number()
      .min(0)
      .default(0)
      .describe(
        "Electricity price per facility kWh. Default 0: the default device prices are cloud rentals, which include power; set it (and owned-hardware device prices) for an owner's view.",
      ),
  })
  .describe("Cost accounting: device-hours at a price per device type, plus energy at a price per kWh.");

export type EnergyConfig = z.output<typeof EnergySchema>;
export type CostConfig = z.output<typeof CostSchema>;

/** The sections' values when a scenario leaves them out. */
export const ENERGY_DEFAULTS: EnergyConfig = { pue: DEFAULT_PUE };
export const COST_DEFAULTS: CostConfig = { usdPerDeviceHour: {}, usdPerKWh: 0 };
