namespace Cauce.Ml.Eda.Profiling;

/// <summary>The measures of how a feature goes with the target, as the JSON profile names them and reports print them.</summary>
public static class Measures
{
    /// <summary>Pearson's r: a number (or yes/no as 1/0) against a numeric target.</summary>
    public const string PearsonR = "pearson_r";

    /// <summary>The correlation ratio η: a number against classes, or a numeric target across labels or integer codes.</summary>
    public const string CorrelationRatio = "correlation_ratio";

    /// <summary>Cramér's V: labels against classes.</summary>
    public const string CramersV = "cramers_v";

    public static string Symbol(string measure) => measure switch
    {
        PearsonR => "r",
        CorrelationRatio => "η",
        CramersV => "V",
        _ => measure,
    };

    public static string Describe(string measure) => measure switch
    {
        PearsonR => "Pearson's r",
        CorrelationRatio => "correlation ratio η",
        CramersV => "Cramér's V",
        _ => measure,
    };
}
