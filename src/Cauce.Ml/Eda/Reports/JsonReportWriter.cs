using Cauce.Core.Conventions;
using Cauce.Core.IO;
using Cauce.Ml.Eda.Figures;
using Cauce.Ml.Eda.Profiling;
using Cauce.Ml.Reporting;

namespace Cauce.Ml.Eda.Reports;

/// <summary>The profile for tools: the same facts as the other reports, in Cauce's one JSON style (snake_case keys).</summary>
public sealed class JsonReportWriter : IReportWriter
{
    public string Extension => ".json";

    public void Write(EdaReport report, Stream output) =>
        output.Write(AtomicFile.Utf8NoBom.GetBytes(Serialize(report)));

    public static string Serialize(EdaReport report) =>
        ReportJson.Serialize(new EdaJson(
            report.Naming.Dataset,
            report.Naming.Phase?.Name(),
            NameParts.FormatDate(report.Naming.Date),
            report.Profile,
            report.Figures));

    /// <summary>The JSON document: what was profiled, the profile, and the figures by file name.</summary>
    private sealed record EdaJson(string Dataset, string? Phase, string Date, DatasetProfile Profile, IReadOnlyList<EdaFigure> Figures);
}
