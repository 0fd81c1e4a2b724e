/**
 * Causal reasoning on PPL-J models, with the semantics of ChiRho (Pyro's causal extension).
 *
 * <ul>
 *   <li>Interventions: {@link io.pplj.causal.Causal#intervene} (the do-operator) and its handler
 *       {@link io.pplj.causal.InterventionMessenger}; actions are constants or {@link io.pplj.causal.Intervention}s
 *       (functions of the would-be value).</li>
 *   <li>Counterfactual worlds: {@link io.pplj.causal.TwinWorldCounterfactual},
 *       {@link io.pplj.causal.MultiWorldCounterfactual}, {@link io.pplj.causal.SingleWorldCounterfactual},
 *       {@link io.pplj.causal.SingleWorldFactual}, all {@link io.pplj.causal.CounterfactualHandler}s: worlds live on
 *       batch dimensions left of all plates, observations condition the factual world, and
 *       TransformedDistribution sites reuse their abducted noise. {@link io.pplj.causal.Worlds} and
 *       {@link io.pplj.causal.IndexSet} read values per world.</li>
 *   <li>{@link io.pplj.causal.CausalGraph}: DAGs written down or extracted from models; d-separation, backdoor
 *       adjustment sets, mutilation, DOT.</li>
 *   <li>{@link io.pplj.causal.ExactQuery}: exact posteriors, interventional and counterfactual probabilities of
 *       small discrete models by enumeration.</li>
 * </ul>
 *
 * <p>docs/causal.md walks through them on Pearl's firing squad.
 */
package io.pplj.causal;
