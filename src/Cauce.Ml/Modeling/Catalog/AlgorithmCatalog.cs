using Cauce.Core.Conventions;
using Cauce.Core.Errors;

namespace Cauce.Ml.Modeling.Catalog;

/// <summary>
/// The algorithms Cauce trains, by the abbreviations of the naming convention. Defaults follow scikit-learn's and
/// XGBoost's where the library allows, so results compare with Python; every one is documented in docs/models.md.
/// </summary>
public static class AlgorithmCatalog
{
    private static readonly PredictionTask[] All = [PredictionTask.Binary, PredictionTask.Multiclass, PredictionTask.Regression];
    private static readonly PredictionTask[] Classification = [PredictionTask.Binary, PredictionTask.Multiclass];

    public static IReadOnlyList<AlgorithmInfo> Algorithms { get; } =
    [
        new("rf", "random forest (Cauce's, histogram splits)", All,
        [
            new("trees", 100, 1, 10_000, true, "trees in the forest (scikit-learn's n_estimators)"),
            new("leaves", 64, 2, 131_072, true, "the most leaves a tree may have"),
            new("min_leaf", 2, 1, 1_000_000, true, "the fewest rows a leaf may hold (min_samples_leaf)"),
            new("feature_fraction", 0.7, 0.01, 1, false, "the share of features each tree may use"),
            new("bagging_fraction", 0.7, 0.01, 1, false, "the share of rows each tree sees"),
        ]),
        new("xgb", "XGBoost (the native library)", All,
        [
            new("rounds", 100, 1, 100_000, true, "boosting rounds (n_estimators)"),
            new("eta", 0.3, 0.0001, 1, false, "the learning rate"),
            new("max_depth", 6, 1, 64, true, "the deepest a tree may grow"),
            new("subsample", 1, 0.01, 1, false, "the share of rows each round sees"),
            new("colsample_bytree", 1, 0.01, 1, false, "the share of features each tree may use"),
            new("min_child_weight", 1, 0, 1_000_000, false, "the least hessian weight a child needs"),
            new("lambda", 1, 0, 1_000_000, false, "L2 regularisation of the leaf weights"),
        ]),
        new("lgbm", "LightGBM (the native library)", All,
        [
            new("rounds", 100, 1, 100_000, true, "boosting rounds (n_estimators)"),
            new("learning_rate", 0.05, 0.0001, 1, false, "the learning rate"),
            new("leaves", 31, 2, 131_072, true, "the most leaves a tree may have (num_leaves)"),
            new("min_leaf", 20, 1, 1_000_000, true, "the fewest rows a leaf may hold (min_child_samples)"),
        ]),
        new("gbt", "gradient-boosted trees (ML.NET FastTree)", All,
        [
            new("trees", 100, 1, 100_000, true, "boosting rounds (n_estimators)"),
            new("learning_rate", 0.1, 0.0001, 1, false, "the learning rate"),
            new("leaves", 8, 2, 131_072, true, "the most leaves a tree may have (8 ≈ scikit-learn's max_depth 3)"),
            new("min_leaf", 10, 1, 1_000_000, true, "the fewest rows a leaf may hold"),
        ]),
        new("lr", "logistic regression (L-BFGS)", Classification,
        [
            new("l2", 1, 0, 1_000_000, false, "L2 regularisation (scikit-learn's 1/C)"),
            new("l1", 0, 0, 1_000_000, false, "L1 regularisation (OWL-QN)"),
            new("max_iterations", 100, 1, 1_000_000, true, "L-BFGS iterations at most"),
            new("tolerance", 0.0001, 0, 1, false, "stops when the objective improves by less than this, relative, over the last five iterations (tol)"),
        ]),
        new("linreg", "linear regression (SDCA, least squares)", [PredictionTask.Regression],
        [
            new("l2", 0.000001, 0, 1_000_000, false, "L2 regularisation (ridge); near 0 is ordinary least squares"),
            new("max_iterations", 100, 1, 1_000_000, true, "passes over the data at most"),
        ]),
        new("svm", "linear SVM (Pegasos)", Classification,
        [
            new("iterations", 10, 1, 100_000, true, "passes over the data"),
            new("lambda", 0.001, 0.0000001, 1_000_000, false, "the regularisation weight"),
        ]),
    ];

    /// <summary>The algorithm called <paramref name="abbreviation"/>; the error lists the catalog.</summary>
    public static AlgorithmInfo Get(string abbreviation) =>
        Algorithms.FirstOrDefault(a => a.Abbreviation == abbreviation)
        ?? throw CauceException.Usage(
            $"unknown algorithm '{abbreviation}'",
            $"the algorithms are: {string.Join(", ", Algorithms.Select(a => $"{a.Abbreviation} ({a.Name})"))}");

    /// <summary>The algorithm for <paramref name="task"/>, or a clear refusal naming the ones that serve it.</summary>
    public static AlgorithmInfo For(string abbreviation, PredictionTask task)
    {
        var algorithm = Get(abbreviation);
        if (algorithm.Serves(task))
            return algorithm;
        var serving = Algorithms.Where(a => a.Serves(task)).Select(a => a.Abbreviation);
        var hint = abbreviation == "lr" && task == PredictionTask.Regression
            ? "lr is logistic regression, a classifier: use linreg for a numeric target"
            : $"for {task.Name()} use one of: {string.Join(", ", serving)}";
        throw CauceException.Usage($"{abbreviation} ({algorithm.Name}) does not do {task.Name()} tasks", hint);
    }

    /// <summary>The catalog agrees with the naming convention's list of abbreviations (checked by a test).</summary>
    internal static bool MatchesConvention =>
        Algorithms.Select(a => a.Abbreviation).SequenceEqual(Core.Conventions.Algorithms.Catalog.Select(a => a.Key));
}
