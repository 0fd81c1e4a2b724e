package io.pplj.causal;

import io.pplj.dist.Delta;
import io.pplj.dist.Distribution;
import io.pplj.runtime.Message;
import io.pplj.runtime.Messenger;
import io.pplj.tensor.Tensor;
import java.util.Map;

/**
 * One step of {@link ExactQuery}'s enumeration: latent sites named in the assignment take their assigned values; the
 * first other latent site that needs enumerating is recorded (it is the next to branch on) and drawn meanwhile. Sites
 * that need no enumeration: observed ones, ones whose value a handler inside already fixed, point masses
 * ({@link Delta}, whose value is determined), and sites whose value an intervention replaces by a constant. Enter it
 * outside the model's own handlers, so it sees what they decided.
 */
final class EnumerationMessenger extends Messenger {

    private final Map<String, Tensor> assignment;
    private String branch;
    private Distribution branchDistribution;

    EnumerationMessenger(Map<String, Tensor> assignment) {
        this.assignment = assignment;
    }

    /** The first latent site without an assigned value, or null when the run was fully assigned. */
    String branch() {
        return branch;
    }

    /** The distribution of {@link #branch()} at that site. */
    Distribution branchDistribution() {
        return branchDistribution;
    }

    @Override
    protected void process(Message msg) {
        if (msg.type() != Message.Type.SAMPLE || msg.isObserved() || msg.isDone()) {
            return;
        }
        Tensor assigned = assignment.get(msg.name());
        if (assigned != null) {
            msg.setValue(assigned);
            msg.setDone(true);
            return;
        }
        if (branch != null || SitePlan.replacedByConstant(msg) || Wrapped.core(msg.distribution()) instanceof Delta) {
            return;
        }
        if (!msg.distribution().hasEnumerateSupport()) {
            throw new IllegalArgumentException("ExactQuery: latent site '" + msg.name() + "' has distribution "
                    + msg.distribution().name() + ", which has no finite support to enumerate; exact queries need"
                    + " every latent site discrete (Bernoulli, Categorical, ...) or a point mass (Delta)");
        }
        branch = msg.name();
        branchDistribution = msg.distribution();
    }
}
