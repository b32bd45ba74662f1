using Cauce.Ml.Modeling.Evaluation;
using Cauce.Ml.Randomness;

namespace Cauce.Ml.Tests.Modeling.Evaluation;

public sealed class LargeInputMetricsTests
{
    [Fact]
    public void A_million_tied_scores_give_the_exact_auc_and_the_same_bits_every_time()
    {
        // Scores on 1,000 levels, so most rows tie with others; the AUC is checked against a direct count per level.
        const int rows = 1_000_000;
        const int levels = 1_000;
        var random = new SeededRandom(7);
        var actual = new bool[rows];
        var probability = new double[rows];
        var positivesAt = new long[levels];
        var negativesAt = new long[levels];
        for (var i = 0; i < rows; i++)
        {
            actual[i] = random.Bernoulli(0.2);
            var level = Math.Clamp((int)(random.NextGaussian(actual[i] ? 0.6 : 0.4, 0.2) * levels), 0, levels - 1);
            probability[i] = level / (double)levels;
            (actual[i] ? positivesAt : negativesAt)[level]++;
        }

        var metrics = Metrics.Binary(actual, probability);
        Assert.Equal(metrics, Metrics.Binary(actual, probability)); // bit for bit: deterministic

        // Mann–Whitney: the pairs a negative wins are the positives on a lower level, plus one half for each positive
        // on its own level; the AUC is the share of (positive, negative) pairs the positive wins.
        double pairs = 0;
        long positivesBelow = 0;
        for (var level = 0; level < levels; level++)
        {
            pairs += negativesAt[level] * (positivesBelow + (positivesAt[level] / 2.0));
            positivesBelow += positivesAt[level];
        }

        var positives = positivesAt.Sum();
        var expectedAuc = 1 - (pairs / (positives * (double)(rows - positives)));
        Close.Equal(expectedAuc, metrics[MetricKeys.RocAuc]);
    }
}
