using Cauce.Ml.Data.Schema;
using Cauce.Ml.Modeling.Catalog;
using Cauce.Ml.Modeling.Features;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace Cauce.Ml.Modeling.Training;

/// <summary>
/// The ML.NET pieces of a model: the featuriser (categories one-hot, booleans as 1/0, missing numbers filled with
/// the training mean), the standardiser of linear models — both fitted on the training split only — and the
/// trainer of each algorithm and task, with the catalog's settings.
/// </summary>
internal static class MlNetEstimators
{
    public const string FeaturesColumn = "Features";

    /// <summary>Categories one-hot, booleans as 1/0, missing numbers filled with the training mean, all in one Features vector.</summary>
    public static IEstimator<ITransformer> Featurizer(MLContext ml, ModelSchema schema)
    {
        var parts = FeatureParts(schema);
        string[] Of(ColumnType type) => [.. parts.Where(p => Kind(p.ColumnType) == type).Select(p => p.Name)];
        var (categories, booleans, numbers) = (Of(ColumnType.Category), Of(ColumnType.Boolean), Of(ColumnType.Number));
        IEstimator<ITransformer> chain = new EstimatorChain<ITransformer>();
        if (categories.Length > 0)
            chain = chain.Append(ml.Transforms.Categorical.OneHotEncoding([.. categories.Select(c => new InputOutputColumnPair(Encoded(c), c))]));
        if (booleans.Length > 0)
            chain = chain.Append(ml.Transforms.Conversion.ConvertType([.. booleans.Select(b => new InputOutputColumnPair(Encoded(b), b))], DataKind.Single));
        if (numbers.Length > 0)
        {
            // The training mean, as documented and as scikit-learn's SimpleImputer: ML.NET's own default is 0.
            chain = chain.Append(ml.Transforms.ReplaceMissingValues([.. numbers.Select(n => new InputOutputColumnPair(Encoded(n), n))],
                Microsoft.ML.Transforms.MissingValueReplacingEstimator.ReplacementMode.Mean));
        }

        return chain.Append(ml.Transforms.Concatenate(FeaturesColumn, [.. parts.Select(p => Encoded(p.Name))]));
    }

    /// <summary>The features in the order their encodings are concatenated into the Features vector: categories, booleans, numbers.</summary>
    public static IReadOnlyList<FeatureColumn> FeatureParts(ModelSchema schema) =>
        [.. schema.Features.Where(f => Kind(f.ColumnType) == ColumnType.Category), .. schema.Features.Where(f => Kind(f.ColumnType) == ColumnType.Boolean),
            .. schema.Features.Where(f => Kind(f.ColumnType) == ColumnType.Number)];

    /// <summary>The featuriser's column holding a feature's encoding.</summary>
    public static string Encoded(string column) => "__f_" + column;

    /// <summary>How the featuriser treats a column type: as a category, a boolean or a number (integers too).</summary>
    private static ColumnType Kind(ColumnType type) => type.IsNumeric() ? ColumnType.Number : type;

    /// <summary>
    /// For linear models: each feature divided by its standard deviation on the training rows (zero stays zero,
    /// so one-hot columns stay sparse). Fitted after <see cref="Featurizer"/>, on its output.
    /// </summary>
    public static IEstimator<ITransformer> Standardiser(MLContext ml) => ml.Transforms.NormalizeMeanVariance(FeaturesColumn);

    /// <summary>The ML.NET trainer of gbt, linreg and svm (Cauce fits xgb, lr, rf and lgbm itself); <paramref name="s"/> holds its resolved settings.</summary>
    public static IEstimator<ITransformer> Trainer(MLContext ml, AlgorithmInfo algorithm, PredictionTask task, IReadOnlyDictionary<string, double> s, int seed)
    {
        const string label = ModelSchema.Label;
        int I(string name) => (int)s[name];
        float F(string name) => (float)s[name];
        return (algorithm.Abbreviation, task) switch
        {
            ("gbt", PredictionTask.Binary) => ml.BinaryClassification.Trainers.FastTree(Trees<FastTreeBinaryTrainer.Options>(s, seed)),
            ("gbt", PredictionTask.Multiclass) => ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastTree(Trees<FastTreeBinaryTrainer.Options>(s, seed)), label),
            ("gbt", _) => ml.Regression.Trainers.FastTree(Trees<FastTreeRegressionTrainer.Options>(s, seed)),
            ("linreg", _) => ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
            {
                LabelColumnName = label, FeatureColumnName = FeaturesColumn, L2Regularization = F("l2"), MaximumNumberOfIterations = I("max_iterations"), NumberOfThreads = 1,
            }),
            ("svm", PredictionTask.Binary) => Calibrated(ml, Svm(ml, s)),
            ("svm", _) => ml.MulticlassClassification.Trainers.OneVersusAll(Svm(ml, s), label),
            _ => throw new InvalidOperationException($"{algorithm.Abbreviation} for {task.Name()} has no ML.NET trainer"),
        };
    }

    /// <summary>
    /// Whether the trainer copies the rows into a structure of its own, so that a cache checkpoint before it would
    /// only hold a second copy: FastTree its binned dataset. SDCA and the linear SVM go over the rows on every epoch
    /// and keep the cache.
    /// </summary>
    public static bool KeepsRowsInMemory(AlgorithmInfo algorithm) => algorithm.Abbreviation is "gbt";

    /// <summary>Trainers that give a score but no probability get a Platt calibration, so log loss and thresholds mean the same for all.</summary>
    private static IEstimator<ITransformer> Calibrated<TModel>(MLContext ml, ITrainerEstimator<BinaryPredictionTransformer<TModel>, TModel> trainer)
        where TModel : class =>
        trainer.Append(ml.BinaryClassification.Calibrators.Platt(labelColumnName: ModelSchema.Label));

    private static LinearSvmTrainer Svm(MLContext ml, IReadOnlyDictionary<string, double> s) =>
        ml.BinaryClassification.Trainers.LinearSvm(new LinearSvmTrainer.Options
        {
            LabelColumnName = ModelSchema.Label, FeatureColumnName = FeaturesColumn, NumberOfIterations = (int)s["iterations"], Lambda = (float)s["lambda"],
        });

    private static T Trees<T>(IReadOnlyDictionary<string, double> s, int seed)
        where T : BoostedTreeOptions, new() => new()
        {
            LabelColumnName = ModelSchema.Label,
            FeatureColumnName = FeaturesColumn,
            NumberOfTrees = (int)s["trees"],
            NumberOfLeaves = (int)s["leaves"],
            MinimumExampleCountPerLeaf = (int)s["min_leaf"],
            LearningRate = s["learning_rate"],
            Seed = seed,
            FeatureSelectionSeed = seed,
        };
}
