using Cauce.Core.Errors;

namespace Cauce.Ml.Modeling.Catalog;

/// <summary>An algorithm of the catalog: what it is called, which tasks it serves, and its settings with their defaults.</summary>
public sealed record AlgorithmInfo(string Abbreviation, string Name, IReadOnlyList<PredictionTask> Tasks, IReadOnlyList<Hyperparameter> Hyperparameters)
{
    /// <summary>Linear models learn on standardised features; trees do not need it.</summary>
    public bool Standardises => Abbreviation is "lr" or "linreg" or "svm";

    public bool Serves(PredictionTask task) => Tasks.Contains(task);

    /// <summary>The settings for a run: defaults, overridden by <paramref name="given"/>; unknown names and values out of range are errors.</summary>
    public IReadOnlyDictionary<string, double> Resolve(IReadOnlyDictionary<string, double> given, string where)
    {
        var resolved = Hyperparameters.ToDictionary(h => h.Name, h => h.Default, StringComparer.Ordinal);
        foreach (var (name, value) in given)
        {
            var setting = Hyperparameters.FirstOrDefault(h => h.Name == name)
                ?? throw CauceException.Usage($"{where}: {Abbreviation} has no setting '{name}'", $"its settings are: {string.Join(", ", Hyperparameters.Select(h => h.Name))}");
            if (double.IsNaN(value) || value < setting.Min || value > setting.Max || (setting.Whole && value != Math.Floor(value)))
            {
                throw CauceException.Usage(
                    $"{where}: {Abbreviation} {name} must be {(setting.Whole ? "a whole number" : "a number")} from {setting.Format(setting.Min)} to {setting.Format(setting.Max)}, got {setting.Format(value)}",
                    setting.Description);
            }

            resolved[name] = value;
        }

        return resolved;
    }
}
