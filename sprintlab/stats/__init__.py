"""Pure statistics for comparing message variants: arrays in, frozen results out.

Imports only numpy and scipy. Orientation everywhere: ``(control, variant)``
in, effects as variant minus control. Missing answers ("don't know") are NaN
and are dropped explicitly; bad input raises ``ValueError``. The analysis
spec is ``statistics.md`` (reference cases R1-R10 are the unit tests).

Entry points for the analysis layer: :func:`compare_ordinal`,
:func:`compare_binary`, :func:`omnibus_ordinal`,
:func:`categorical_association`, :func:`compare_segments`. Rating data can
also come as answer counts per scale point (``*_counts``): after one
counting pass a comparison then costs the same at 10 or 100,000 answers.

For verdicts: :func:`difference_test` (and its counts forms) reads one of
five claims from one simultaneous interval (see :mod:`.margins`),
:func:`planned_n` plans from the margin, :func:`signed_direction` says which
way any Comparison points. Segments: :func:`interaction_tests` (one
Benjamini-Hochberg family per study). Live: :func:`variant_confidence_sequences`.
Checks: :func:`dont_know_rates`, :func:`period_effect`. Survey analyses:
:func:`summarise_rankings` (rank questions, Plackett-Luce by choix),
:func:`choose_k` and :func:`classify` (latent class segments, StepMix),
:func:`best_variant` (the best message for a group). Factorial designs:
:func:`factorial_effects` (main effects and two-way interactions).
"""

from .balance import (
    BalanceCheck,
    attrition_mismatch,
    order_balance,
    sample_ratio_mismatch,
)
from .bayes import (
    Posterior,
    beta_binomial_prob_better,
    dirichlet_prior_sensitivity,
    dirichlet_prob_better,
    dirichlet_prob_better_counts,
    paired_binary_prob_better,
    paired_prob_better,
)
from .best_variant import THRESHOLD as BEST_THRESHOLD
from .best_variant import BestVariant, best_variant
from .binary import (
    association_test,
    conditional_odds_ratio,
    mcnemar,
    newcombe_risk_difference,
    paired_risk_difference,
    paired_table,
    wilson_interval,
)
from .blocks import Blocks
from .categorical import (
    TableAnalysis,
    adjusted_residuals,
    categorical_association,
    crosstab,
)
from .compare import (
    compare_binary,
    compare_binary_counts,
    compare_ordinal,
    compare_ordinal_counts,
)
from .difference import (
    difference_test,
    difference_test_counts,
    paired_risk_difference_test,
    risk_difference_test,
)
from .direction import signed_difference, signed_direction
from .dont_know import DontKnowRates, dont_know_rates
from .factorial import Effect, FactorialFit, factorial_effects
from .hedges import hedges_g
from .interaction import interaction_test, interaction_tests
from .latent_class import (
    LatentClassFit,
    Selection,
    Stability,
    choose_k,
    classify,
    fit_latent_classes,
    stability,
)
from .location import (
    hodges_lehmann,
    paired_mean_difference,
    pseudo_median,
    welch_mean_difference,
)
from .margin_planning import PlannedSize, planned_n
from .margins import DECISIONS, check_margin, decide, oriented
from .multiplicity import benjamini_hochberg, holm
from .omnibus import (
    epsilon_squared,
    friedman,
    kendalls_w,
    kruskal_wallis,
    kruskal_wallis_counts,
    omnibus_ordinal,
)
from .ordinal import (
    brunner_munzel,
    cliffs_delta,
    mann_whitney,
    probability_of_superiority,
)
from .paired import matched_rank_biserial, sign_test, wilcoxon_signed_rank
from .period import PeriodEffect, period_effect
from .planning import (
    SampleSize,
    SmallSampleCheck,
    noether_sample_size,
    plan_ordinal,
    significance_check,
    simulated_power_ordinal,
    smallest_p_value,
    superiority_from_distributions,
    t_test_power,
    t_test_sample_size,
)
from .rankings import RankSummary, summarise_rankings
from .results import Comparison, DifferenceTest, Estimate, Omnibus, TestResult
from .segments import SegmentAnalysis, compare_segment_counts, compare_segments
from .sequential import (
    ConfidenceSequence,
    confidence_sequence,
    variant_confidence_sequences,
)
from .stratified import (
    StratifiedBinary,
    cochran_mantel_haenszel,
    heterogeneity_test,
    van_elteren,
    van_elteren_counts,
)

__all__ = [
    "BEST_THRESHOLD",
    "BestVariant",
    "LatentClassFit",
    "RankSummary",
    "Selection",
    "Stability",
    "best_variant",
    "choose_k",
    "classify",
    "fit_latent_classes",
    "stability",
    "summarise_rankings",
    "DECISIONS",
    "Effect",
    "FactorialFit",
    "factorial_effects",
    "oriented",
    "DifferenceTest",
    "PlannedSize",
    "DontKnowRates",
    "PeriodEffect",
    "dont_know_rates",
    "period_effect",
    "interaction_test",
    "interaction_tests",
    "signed_difference",
    "signed_direction",
    "variant_confidence_sequences",
    "planned_n",
    "check_margin",
    "decide",
    "difference_test",
    "difference_test_counts",
    "paired_risk_difference_test",
    "risk_difference_test",
    "BalanceCheck",
    "Blocks",
    "Comparison",
    "ConfidenceSequence",
    "Estimate",
    "Omnibus",
    "Posterior",
    "SampleSize",
    "SegmentAnalysis",
    "SmallSampleCheck",
    "StratifiedBinary",
    "TableAnalysis",
    "TestResult",
    "adjusted_residuals",
    "association_test",
    "attrition_mismatch",
    "benjamini_hochberg",
    "beta_binomial_prob_better",
    "brunner_munzel",
    "categorical_association",
    "cliffs_delta",
    "cochran_mantel_haenszel",
    "compare_binary",
    "compare_binary_counts",
    "compare_segment_counts",
    "compare_ordinal",
    "compare_ordinal_counts",
    "compare_segments",
    "conditional_odds_ratio",
    "confidence_sequence",
    "crosstab",
    "dirichlet_prior_sensitivity",
    "dirichlet_prob_better",
    "dirichlet_prob_better_counts",
    "epsilon_squared",
    "friedman",
    "hedges_g",
    "heterogeneity_test",
    "hodges_lehmann",
    "holm",
    "kendalls_w",
    "kruskal_wallis",
    "kruskal_wallis_counts",
    "mann_whitney",
    "matched_rank_biserial",
    "mcnemar",
    "newcombe_risk_difference",
    "noether_sample_size",
    "omnibus_ordinal",
    "order_balance",
    "paired_binary_prob_better",
    "paired_mean_difference",
    "paired_prob_better",
    "paired_risk_difference",
    "paired_table",
    "plan_ordinal",
    "probability_of_superiority",
    "pseudo_median",
    "sample_ratio_mismatch",
    "sign_test",
    "significance_check",
    "simulated_power_ordinal",
    "smallest_p_value",
    "superiority_from_distributions",
    "t_test_power",
    "t_test_sample_size",
    "van_elteren",
    "van_elteren_counts",
    "wilcoxon_signed_rank",
    "wilson_interval",
    "welch_mean_difference",
]
