using System.Globalization;

namespace Cauce.Ml.Modeling.Catalog;

/// <summary>One tunable setting of an algorithm: its name in params.yaml and on the command line, default and range.</summary>
public sealed record Hyperparameter(string Name, double Default, double Min, double Max, bool Whole, string Description)
{
    public string DefaultText => Format(Default);

    public string Format(double value) => Whole ? ((long)value).ToString(CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);
}
