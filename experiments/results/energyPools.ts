import { hostMaxWPerDevice } from "../../hardware/power/host.ts";
import { powerLevels } from "../../hardware/power/levels.ts";
import { EnergyMeter, type PoolPower } from "../../hardware/power/meter.ts";
import { powerCapProblem, withPowerCap } from "../../hardware/power/powerCap.ts";
import { DEVICE_PRICES } from "../../hardware/power/prices.ts";
import type { Cluster } from "../../sim/cluster.ts";
import type { StepCostModel } from "../../sim/ports.ts";
import type { ResolvedPool } from "../assemble.ts";
import { InputError } from "../errors.ts";
import { closest } from "../schema/didYouMean.ts";
import type { Scenario } from "../schema/scenario.ts";

/** The pool's power cap, checked against its device (an input error names the field). */
function capOf(pool: ResolvedPool, poolIndex: number): number | undefined {
  const capW = pool.config.powerCapW;
  if (capW === undefined) return undefined;
  const problem = powerCapProblem(pool.device.power, capW);
  if (problem !== null) throw new InputError(`cluster.pools[${poolIndex}].powerCapW: ${problem} (${pool.device.name})`);
  return capW;
}

/** A pool's step cost factory, stretched by its power cap when it has one (hardware/power/powerCap.ts). */
export function cappedCost(
  factory: (replica: number) => StepCostModel,
  pool: ResolvedPool,
  poolIndex: number,
): (replica: number) => StepCostModel {
  const capW = capOf(pool, poolIndex);
  if (capW === undefined) return factory;
  return (replica) => withPowerCap(factory(replica), pool.device.power, capW);
}

/** What the energy meter needs of a pool: its devices' power states, replica size and host share. */
export function poolPower(pool: ResolvedPool, poolIndex: number): PoolPower {
  const capW = capOf(pool, poolIndex);
  return {
    levels: powerLevels(pool.device.power, capW === undefined ? {} : { capW }),
    devicesPerReplica: pool.placement.devicesPerReplica,
    hostMaxWPerDevice: hostMaxWPerDevice(pool.device),
  };
}

/** Every `cost.usdPerDeviceHour` key names a catalog device or a pool's device (a typo is an input error). */
function checkPriceKeys(scenario: Scenario, pools: readonly ResolvedPool[]): void {
  const known = [...new Set([...Object.keys(DEVICE_PRICES), ...pools.map((p) => p.device.name)])];
  for (const name of Object.keys(scenario.cost.usdPerDeviceHour)) {
    if (known.includes(name)) continue;
    const guess = closest(name, known);
    const hint = guess === undefined ? "" : ` did you mean '${guess}'?`;
    throw new InputError(`cost.usdPerDeviceHour.${name}: no such device;${hint} see 'infersim catalog devices'`);
  }
}

/** An energy meter watching every replica of the cluster (attach before `cluster.run()`). */
export function attachEnergyMeter(cluster: Cluster, scenario: Scenario, pools: readonly ResolvedPool[]): EnergyMeter {
  checkPriceKeys(scenario, pools);
  const meter = new EnergyMeter(
    pools.map(poolPower),
    cluster.replicas.map((r) => r.pool),
    scenario.energy.pue,
    scenario.sampleIntervalS,
  );
  cluster.observe(meter);
  return meter;
}
