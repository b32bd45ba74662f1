using Cauce.Core.Conventions;
using Cauce.Core.IO;
using Cauce.Ml.Reporting;

namespace Cauce.Ml.Modeling.Evaluation;

/// <summary>
/// Writes an evaluation where a project keeps it: the metrics as flat JSON in <c>reports/metrics/&lt;model&gt;.json</c>
/// (what <c>dvc metrics show</c> and <c>cauce metrics diff</c> read) and the figures in <c>reports/figures/</c>.
/// </summary>
public static class EvaluationOutputs
{
    public const string MetricsFolder = "reports/metrics";

    public static string MetricsPath(string model) => $"{MetricsFolder}/{model}.json";

    /// <summary>Writes both; returns the paths written, relative to the root. Figures are named with the data file's phase and date, else <paramref name="today"/>.</summary>
    public static IReadOnlyList<string> Write(string root, EvaluationResult result, DateOnly today)
    {
        var written = new List<string>();
        var metrics = new Dictionary<string, object>
        {
            ["model"] = result.Card.Name,
            ["data"] = result.Data,
            ["rows"] = result.Rows,
        };
        foreach (var (key, value) in result.Metrics)
            metrics[key] = value;
        var metricsPath = MetricsPath(result.Card.Name);
        AtomicFile.WriteAllText(Path.Combine(root, metricsPath), ReportJson.Serialize(metrics));
        written.Add(metricsPath);

        var dataName = DatasetFileName.TryParse(Path.GetFileName(result.Data)).Value;
        foreach (var figure in EvaluationFigures.Draw(result, dataName?.Phase, dataName?.Date ?? today))
        {
            AtomicFile.WriteAllBytes(Path.Combine(root, figure.RelativePath), figure.Png);
            written.Add(figure.RelativePath);
        }

        return written;
    }
}
