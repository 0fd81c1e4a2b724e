package io.pplj.runtime;

import io.pplj.tensor.Rng;
import io.pplj.tensor.ThreadScope;

/**
 * Makes a run reproducible: while active, the thread's current generator is {@code Rng.of(seed)}, fresh at each
 * entry, and the previous generator is restored afterwards.
 */
public final class SeedMessenger extends Messenger {

    private final long seed;
    private ThreadScope rngScope;

    /** Seeds runs with {@code seed}. */
    public SeedMessenger(long seed) {
        this.seed = seed;
    }

    @Override
    public SeedMessenger enter() {
        super.enter();
        rngScope = Rng.use(Rng.of(seed));
        return this;
    }

    @Override
    protected void exited() {
        rngScope.close();
    }
}
