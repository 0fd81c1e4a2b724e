package io.pplj.bench;

import java.util.List;

/** One workload of WORKLOADS.md: runs its warm-up, then its timed part, and returns its result lines. */
interface Workload {
    List<String> run();
}
