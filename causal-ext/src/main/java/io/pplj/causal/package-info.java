/**
 * Causal reasoning on PPL-J models (arriving with the causal issue): {@code Causal.intervene} for do-interventions,
 * twin-world and multi-world counterfactual handlers, and {@code CausalGraph}.
 */
package io.pplj.causal;
