/**
 * Automatic guides built from a model's structure, as Pyro's autoguides: {@link io.pplj.infer.autoguide.AutoDelta}
 * (MAP), {@link io.pplj.infer.autoguide.AutoNormal} (mean-field, mini-batch friendly),
 * {@link io.pplj.infer.autoguide.AutoDiagonalNormal}, {@link io.pplj.infer.autoguide.AutoMultivariateNormal},
 * {@link io.pplj.infer.autoguide.AutoLowRankMultivariateNormal} (joint over all latents) and
 * {@link io.pplj.infer.autoguide.AutoGuideList}; {@link io.pplj.infer.autoguide.InitStrategy} chooses initial
 * values. Every guide respects each site's support through {@code Transforms.bijectTo}.
 */
package io.pplj.infer.autoguide;
