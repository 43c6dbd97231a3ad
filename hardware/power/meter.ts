import type { StepObserver } from "../../sim/cluster.ts";
import type { DecodeRun } from "../../sim/decodeRun.ts";
import type { StepCost, StepShape } from "../../sim/ports.ts";
import type { Replica } from "../../sim/replica.ts";
import { W_PER_MW } from "./facility.ts";
import { HOST_IDLE_SHARE, hostW } from "./host.ts";
import type { PowerLevels } from "./levels.ts";
import { runPowerOf, type RunPower } from "./runPower.ts";
import { stepDeviceW, stepDrawsWithinRange } from "./stepPower.ts";

/** What the meter needs to know of one pool's replicas. */
export interface PoolPower {
  /** Power states of one device (capped when the pool has a power cap). */
  readonly levels: PowerLevels;
  readonly devicesPerReplica: number;
  /** Host power attributed to one device at full load (host.ts). */
  readonly hostMaxWPerDevice: number;
}

/** IT energy of one pool or of the cluster, joules (facility energy is this × PUE). */
export interface EnergyTotals {
  readonly prefillJ: number;
  readonly decodeJ: number;
  /** Provisioned replicas with no step running (devices at idle, hosts at their idle share). */
  readonly idleJ: number;
  readonly deviceJ: number;
  readonly hostJ: number;
  /** Device-hours provisioned (what a cloud bills). */
  readonly deviceHours: number;
  /** Highest facility power averaged over one time-series interval, watts. */
  readonly peakFacilityW: number;
}

/** What the meter leaves behind: the cluster and each pool. */
export interface MeterReading {
  readonly endS: number;
  readonly pue: number;
  /** The window `peakFacilityW` is averaged over: the time-series interval, or the whole run without one. */
  readonly peakWindowS: number;
  readonly cluster: EnergyTotals;
  readonly pools: readonly EnergyTotals[];
}

interface Sums {
  prefillJ: number;
  decodeJ: number;
  idleJ: number;
  deviceJ: number;
  hostJ: number;
  deviceS: number;
  peakFacilityW: number;
  /** IT joules at the last sample, for interval averages. */
  atSampleJ: number;
}

const newSums = (): Sums => ({
  prefillJ: 0,
  decodeJ: 0,
  idleJ: 0,
  deviceJ: 0,
  hostJ: 0,
  deviceS: 0,
  peakFacilityW: 0,
  atSampleJ: 0,
});

const itJ = (s: Sums): number => s.prefillJ + s.decodeJ + s.idleJ;

function addStep(s: Sums, prefillJ: number, decodeJ: number, deviceJ: number, hostJ: number): void {
  s.prefillJ += prefillJ;
  s.decodeJ += decodeJ;
  s.deviceJ += deviceJ;
  s.hostJ += hostJ;
}

function addIdle(s: Sums, joules: number, deviceJ: number): void {
  s.idleJ += joules;
  s.deviceJ += deviceJ;
  s.hostJ += joules - deviceJ;
}

/**
 * Integrates the cluster's power over time. Every replica draws its idle power while provisioned and idle,
 * and a step's power (stepPower.ts, plus its share of host power, host.ts) while a step runs; released
 * replicas draw nothing. Energy is accounted lazily up to each event that touches a replica, so a step costs
 * O(1) whatever its batch, and a step cut short by the horizon is charged only up to the end. Each time-series
 * sample gets `facilityMW`, the facility power averaged over the interval that ends there.
 *
 * Replicas are provisioned from time 0 unless told otherwise (`onReplicaPhase` from an autoscaling cluster,
 * or `onReplicaProvisioned` / `onReplicaRemoved`).
 */
export class EnergyMeter implements StepObserver {
  private readonly poolOf: Int32Array;
  private readonly accountedS: Float64Array;
  private readonly stepEndS: Float64Array;
  private readonly stepW: Float64Array;
  private readonly stepDeviceW: Float64Array;
  private readonly stepPrefillShare: Float64Array;
  private readonly provisioned: Uint8Array;
  private readonly provisionedSinceS: Float64Array;
  private readonly idleW: number[];
  private readonly idleDeviceW: number[];
  /**
   * Per pool, when every step draws between idle and board power (else undefined): a replica's joules over
   * steps, as a linear function of the steps' span and compute- and memory-bound seconds (RunPower).
   */
  private readonly runPower: (RunPower | undefined)[];
  private readonly cluster = newSums();
  private readonly poolSums: Sums[];
  private lastSampleS = 0;
  private samplesTaken = 0;
  /**
   * Decode runs charged at once from their sums, and step by step (one of `onDecodeRun`'s fallbacks): which way
   * a scenario's runs go changes its cost, not its readings, so tests read these to see it.
   */
  runsChargedAtOnce = 0;
  runsChargedStepwise = 0;

  constructor(
    private readonly pools: readonly PoolPower[],
    replicaPools: readonly number[],
    private readonly pue: number,
    private readonly sampleIntervalS: number,
  ) {
    const n = replicaPools.length;
    this.poolOf = Int32Array.from(replicaPools);
    this.accountedS = new Float64Array(n);
    this.stepEndS = new Float64Array(n);
    this.stepW = new Float64Array(n);
    this.stepDeviceW = new Float64Array(n);
    this.stepPrefillShare = new Float64Array(n);
    this.provisioned = new Uint8Array(n).fill(1);
    this.provisionedSinceS = new Float64Array(n);
    this.idleDeviceW = pools.map((p) => p.devicesPerReplica * p.levels.idleW);
    this.idleW = pools.map((p) => p.devicesPerReplica * (p.levels.idleW + HOST_IDLE_SHARE * p.hostMaxWPerDevice));
    this.poolSums = pools.map(newSums);
    this.runPower = pools.map((p) => (stepDrawsWithinRange(p.levels) ? runPowerOf(p) : undefined));
  }

  // ---- StepObserver ----

  onStep(replica: Replica, shape: StepShape, cost: StepCost, nowS: number): void {
    const r = replica.index;
    this.accountTo(r, nowS);
    const pool = this.pools[this.poolOf[r]!]!;
    const deviceW = stepDeviceW(pool.levels, cost);
    const devicesW = pool.devicesPerReplica * deviceW;
    this.stepEndS[r] = nowS + cost.durationS;
    this.stepDeviceW[r] = devicesW;
    this.stepW[r] = devicesW + pool.devicesPerReplica * hostW(pool.hostMaxWPerDevice, pool.levels, deviceW);
    const tokens = shape.prefillTokens + shape.decodeSeqs;
    this.stepPrefillShare[r] = tokens > 0 ? shape.prefillTokens / tokens : 0;
  }

  /**
   * As `onStep` for each step of the run in turn: what came before its first step is charged as usual, each
   * step but the last runs until the next one starts, and the last is the step in flight. When the run's
   * shares keep to the port's range and the pool's steps draw between idle and board power, the steps before
   * the last are charged at once from the run's sums (the same integrals, up to rounding); otherwise, or when
   * the replica was charged past the run's start (a sample taken before the run was reported), step by step.
   */
  onDecodeRun(replica: Replica, run: DecodeRun): void {
    const r = replica.index;
    const p = this.poolOf[r]!;
    const sums = run.sums;
    const firstS = run.startS(run.first);
    this.accountTo(r, firstS);
    const power = this.runPower[p];
    if (
      power === undefined ||
      this.accountedS[r] !== firstS ||
      !(sums.lowestShare >= 0 && sums.highestShareSum <= 1) ||
      Number.isNaN(sums.memoryBoundS)
    ) {
      this.runsChargedStepwise++;
      this.chargeRunStepwise(r, run);
      return;
    }
    this.runsChargedAtOnce++;
    const last = run.last;
    const cost = run.cost(last);
    const lastGapS = sums.gapsS[sums.count - 1]!;
    // The run's sums less its last step, which is charged as it runs on.
    const spanS = sums.spanS - lastGapS;
    if (spanS > 0) {
      const computeS = sums.computeBoundS - lastGapS * cost.computeBoundFraction;
      const memoryS = sums.memoryBoundS - lastGapS * cost.memoryBoundFraction!;
      const joules = power.joulesPerS * spanS + power.joulesPerComputeS * computeS + power.joulesPerMemoryS * memoryS;
      const deviceJ = power.deviceJPerS * spanS + power.deviceJPerComputeS * computeS + power.deviceJPerMemoryS * memoryS;
      const c = this.cluster;
      const s = this.poolSums[p]!;
      c.decodeJ += joules;
      c.deviceJ += deviceJ;
      c.hostJ += joules - deviceJ;
      s.decodeJ += joules;
      s.deviceJ += deviceJ;
      s.hostJ += joules - deviceJ;
    }
    // The last step runs on, held as `onStep` holds a step: written out, as calling `onStep` here (or a helper
    // shared with it) cost 0.9% (2.4%) more instructions on `-outputs-x2` at 200,000 requests.
    const pool = this.pools[p]!;
    const startS = run.startS(last);
    const deviceW = stepDeviceW(pool.levels, cost);
    const devicesW = pool.devicesPerReplica * deviceW;
    this.accountedS[r] = startS;
    this.stepEndS[r] = startS + cost.durationS;
    this.stepDeviceW[r] = devicesW;
    this.stepW[r] = devicesW + pool.devicesPerReplica * hostW(pool.hostMaxWPerDevice, pool.levels, deviceW);
    // A decode step computes no prompt tokens.
    this.stepPrefillShare[r] = 0;
  }

  /**
   * `onDecodeRun` step by step, after the charge up to the run's first start. What each step is charged goes
   * into local sums, added in the order `accountTo` adds them (the same bits), stored once at the end. A
   * near-copy of `accountTo` on purpose: calling it and `onStep`'s arithmetic per step instead cost 4.9% more
   * steady instructions on `single-replica-outputs-x2` and 2.5% on `fleet` (twelfth session).
   */
  private chargeRunStepwise(r: number, run: DecodeRun): void {
    const p = this.poolOf[r]!;
    const pool = this.pools[p]!;
    const devices = pool.devicesPerReplica;
    const idleW = this.idleW[p]!;
    const idleDeviceW = this.idleDeviceW[p]!;
    const provisioned = this.provisioned[r] === 1;
    const c = this.cluster;
    const s = this.poolSums[p]!;
    let fromS = this.accountedS[r]!;
    let cDecodeJ = c.decodeJ, cIdleJ = c.idleJ, cDeviceJ = c.deviceJ, cHostJ = c.hostJ;
    let sDecodeJ = s.decodeJ, sIdleJ = s.idleJ, sDeviceJ = s.deviceJ, sHostJ = s.hostJ;
    let endS = 0;
    let stepW = 0;
    let stepDevicesW = 0;
    for (let j = run.first; j <= run.last; j++) {
      const startS = run.startS(j);
      if (j > run.first && startS > fromS) {
        // accountTo(r, startS), the step before in flight. It is a decode step: its prompt share, +0, would
        // change no sum (none is ever −0), and `joules − 0` is `joules`.
        if (endS > fromS) {
          const dt = Math.min(startS, endS) - fromS;
          const joules = stepW * dt;
          const deviceJ = stepDevicesW * dt;
          cDecodeJ += joules;
          cDeviceJ += deviceJ;
          cHostJ += joules - deviceJ;
          sDecodeJ += joules;
          sDeviceJ += deviceJ;
          sHostJ += joules - deviceJ;
          fromS += dt;
        }
        // Idle time between two of the run's steps: only a rounding sliver, where `fromS + dt` falls short.
        if (startS > fromS && provisioned) {
          const dt = startS - fromS;
          const joules = idleW * dt;
          const deviceJ = idleDeviceW * dt;
          cIdleJ += joules;
          cDeviceJ += deviceJ;
          cHostJ += joules - deviceJ;
          sIdleJ += joules;
          sDeviceJ += deviceJ;
          sHostJ += joules - deviceJ;
        }
        fromS = startS;
      }
      const cost = run.cost(j);
      const deviceW = stepDeviceW(pool.levels, cost);
      endS = startS + cost.durationS;
      stepDevicesW = devices * deviceW;
      stepW = stepDevicesW + devices * hostW(pool.hostMaxWPerDevice, pool.levels, deviceW);
    }
    c.decodeJ = cDecodeJ; c.idleJ = cIdleJ; c.deviceJ = cDeviceJ; c.hostJ = cHostJ;
    s.decodeJ = sDecodeJ; s.idleJ = sIdleJ; s.deviceJ = sDeviceJ; s.hostJ = sHostJ;
    this.accountedS[r] = fromS;
    this.stepEndS[r] = endS;
    this.stepDeviceW[r] = stepDevicesW;
    this.stepW[r] = stepW;
    // A decode step computes no prompt tokens.
    this.stepPrefillShare[r] = 0;
  }

  /** An autoscaling cluster's phase change: every phase but "off" is provisioned (and draws power). */
  onReplicaPhase(replica: Replica, phase: string, nowS: number): void {
    if (phase === "off") this.onReplicaRemoved(replica, nowS);
    else this.onReplicaProvisioned(replica, nowS);
  }

  onReplicaProvisioned(replica: Replica, nowS: number): void {
    const r = replica.index;
    this.accountTo(r, nowS);
    if (this.provisioned[r] === 1) return;
    this.provisioned[r] = 1;
    this.provisionedSinceS[r] = nowS;
  }

  onReplicaRemoved(replica: Replica, nowS: number): void {
    const r = replica.index;
    this.accountTo(r, nowS);
    if (this.provisioned[r] === 0) return;
    this.closeProvisioned(r, nowS);
    this.provisioned[r] = 0;
  }

  sampleColumns(nowS: number): Readonly<Record<string, number>> {
    this.accountAll(nowS);
    const intervalS = nowS - this.lastSampleS;
    const clusterW = this.intervalFacilityW(this.cluster, intervalS);
    for (const s of this.poolSums) this.intervalFacilityW(s, intervalS);
    this.lastSampleS = nowS;
    this.samplesTaken++;
    return { facilityMW: clusterW / W_PER_MW };
  }

  /** Account every replica up to `endS` (the run's end) and read the totals. */
  finish(endS: number): MeterReading {
    this.accountAll(endS);
    for (let r = 0; r < this.provisioned.length; r++) if (this.provisioned[r] === 1) this.closeProvisioned(r, endS);
    const noSamples = this.samplesTaken === 0;
    const totals = (s: Sums): EnergyTotals => ({
      prefillJ: s.prefillJ,
      decodeJ: s.decodeJ,
      idleJ: s.idleJ,
      deviceJ: s.deviceJ,
      hostJ: s.hostJ,
      deviceHours: s.deviceS / 3600,
      peakFacilityW: noSamples ? (endS > 0 ? (itJ(s) * this.pue) / endS : 0) : s.peakFacilityW,
    });
    return {
      endS,
      pue: this.pue,
      peakWindowS: noSamples ? endS : this.sampleIntervalS,
      cluster: totals(this.cluster),
      pools: this.poolSums.map(totals),
    };
  }

  // ---- accounting ----

  private intervalFacilityW(s: Sums, intervalS: number): number {
    const joules = itJ(s);
    const w = intervalS > 0 ? ((joules - s.atSampleJ) * this.pue) / intervalS : 0;
    s.atSampleJ = joules;
    if (w > s.peakFacilityW) s.peakFacilityW = w;
    return w;
  }

  private accountAll(nowS: number): void {
    for (let r = 0; r < this.accountedS.length; r++) this.accountTo(r, nowS);
  }

  private closeProvisioned(r: number, nowS: number): void {
    const seconds = (nowS - this.provisionedSinceS[r]!) * this.pools[this.poolOf[r]!]!.devicesPerReplica;
    this.cluster.deviceS += seconds;
    this.poolSums[this.poolOf[r]!]!.deviceS += seconds;
    this.provisionedSinceS[r] = nowS;
  }

  /** Charge replica `r`'s energy from where it was last accounted up to `tS`. */
  private accountTo(r: number, tS: number): void {
    let fromS = this.accountedS[r]!;
    if (tS <= fromS) return;
    const p = this.poolOf[r]!;
    const pool = this.poolSums[p]!;
    const endS = this.stepEndS[r]!;
    if (endS > fromS) {
      const dt = Math.min(tS, endS) - fromS;
      const joules = this.stepW[r]! * dt;
      const deviceJ = this.stepDeviceW[r]! * dt;
      const prefillJ = joules * this.stepPrefillShare[r]!;
      addStep(this.cluster, prefillJ, joules - prefillJ, deviceJ, joules - deviceJ);
      addStep(pool, prefillJ, joules - prefillJ, deviceJ, joules - deviceJ);
      fromS += dt;
    }
    if (tS > fromS && this.provisioned[r] === 1) {
      const dt = tS - fromS;
      const joules = this.idleW[p]! * dt;
      const deviceJ = this.idleDeviceW[p]! * dt;
      addIdle(this.cluster, joules, deviceJ);
      addIdle(pool, joules, deviceJ);
    }
    this.accountedS[r] = tS;
  }
}
