namespace Cauce.Core.Conventions;

/// <summary>
/// The abbreviations a model file name may start with. The ML side maps each to a trainer; this list is the
/// naming rule, kept here so the lint needs no ML dependency.
/// </summary>
public static class Algorithms
{
    /// <summary>Abbreviation → what it stands for, in catalog order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Catalog { get; } =
    [
        new("rf", "random forest"),
        new("xgb", "XGBoost"),
        new("lgbm", "LightGBM"),
        new("gbt", "gradient-boosted trees (FastTree)"),
        new("lr", "logistic regression"),
        new("linreg", "linear regression"),
        new("svm", "linear SVM"),
    ];

    public static bool IsKnown(string abbreviation) => Catalog.Any(a => a.Key == abbreviation);

    /// <summary>The abbreviations joined for a message: "rf, xgb, lgbm, …".</summary>
    public static string List => string.Join(", ", Catalog.Select(a => a.Key));

    /// <summary>Spellings people use for the catalog's algorithms, so the lint can suggest the right one.</summary>
    internal static IReadOnlyDictionary<string, string> Synonyms { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["randomforest"] = "rf",
        ["random-forest"] = "rf",
        ["forest"] = "rf",
        ["fastforest"] = "rf",
        ["xgboost"] = "xgb",
        ["lightgbm"] = "lgbm",
        ["lgb"] = "lgbm",
        ["fasttree"] = "gbt",
        ["gbm"] = "gbt",
        ["logreg"] = "lr",
        ["logistic"] = "lr",
        ["logistic-regression"] = "lr",
        ["linear"] = "linreg",
        ["linear-regression"] = "linreg",
        ["ols"] = "linreg",
        ["linearsvm"] = "svm",
        ["linear-svm"] = "svm",
    };
}
