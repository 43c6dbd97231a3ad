/** Successive arrival times of an open-loop process, seconds, non-decreasing; each call returns the next. */
export type ArrivalTimes = () => number;

/** A renewal process: arrival times are running sums of independent inter-arrival times. */
export function renewalArrivals(interArrivalS: () => number): ArrivalTimes {
  let timeS = 0;
  return () => (timeS += interArrivalS());
}
