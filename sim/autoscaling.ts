/** What an autoscaling policy sees of one pool when it is evaluated. */
export interface PoolLoadSignal {
  readonly nowS: number;
  /** Replicas serving now. */
  readonly activeReplicas: number;
  /** Replicas ordered but not serving yet (provisioning or loading the model). */
  readonly provisioningReplicas: number;
  /** Requests waiting in the pool's queues. */
  readonly queueLength: number;
  /** Requests waiting or running in the pool. */
  readonly outstanding: number;
  /** Mean KV-cache utilization of the active replicas, in [0, 1]. */
  readonly kvUtilization: number;
  /** Requests routed to the pool per second over the last evaluation interval. */
  readonly arrivalRatePerS: number;
}

/** Decides how many replicas a pool should have (the cluster clamps it to the pool's min and max). */
export interface Autoscaler {
  desiredReplicas(signal: PoolLoadSignal): number;
}

/** How a pool scales: the policy and the delays of real provisioning. */
export interface AutoscalingSpec {
  readonly policy: Autoscaler;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** Time to get a machine (VM, node) once a scale-up is decided. */
  readonly provisioningDelayS: number;
  /** Time to load the model's weights before the replica serves. */
  readonly modelLoadS: number;
  /**
   * Once the policy has asked for fewer replicas for this long, the extra replicas are drained: they take no
   * new requests and are released when their last request ends.
   */
  readonly scaleDownDelayS: number;
}

/** Where a replica is in its life: serving, being provisioned, draining (no new requests), or released. */
export type ReplicaPhase = "active" | "provisioning" | "draining" | "off";
